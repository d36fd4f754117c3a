using System.Runtime.InteropServices;

namespace Astrolabe.Cli;

/// <summary>The two POSIX calls the command line makes itself (Linux, macOS): kill and write.</summary>
internal static partial class Posix
{
    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    private const int EIntr = 4;
    private const int EAgainLinux = 11;
    private const int EAgainMac = 35;

    /// <summary>Sends a signal to a process, or to a process group when <paramref name="pid"/> is negative; false on failure.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Writes all of <paramref name="bytes"/> to a file descriptor at its current offset (unlike FileStream, which writes at its own); false when the descriptor fails (e.g. a closed pipe).</summary>
    public static unsafe bool WriteAll(int descriptor, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint written = Write(descriptor, start + done, bytes.Length - done);
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }

                int error = Marshal.GetLastPInvokeError();
                if (error is EAgainLinux or EAgainMac)
                {
                    Thread.Sleep(1);
                }
                else if (error != EIntr)
                {
                    return false;
                }
            }
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int descriptor, byte* buffer, nint count);
}
