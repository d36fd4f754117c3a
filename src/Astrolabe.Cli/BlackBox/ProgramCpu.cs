using System.Globalization;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// The CPU time of one running program and of the children it has waited for, read from its
/// <c>/proc/&lt;pid&gt;/stat</c> (utime + stime + cutime + cstime) every <see cref="Interval"/> on a thread of its own
/// (a timer on the thread pool falls behind on a loaded machine) and when the trial asks (<see cref="Sample"/>, as
/// its output ends): the last reading before the program is gone is its CPU time, so about the final interval's
/// work is missed (the kernel's account has 10 ms ticks). Per program, so trials running at once (<c>--jobs</c>) each get their
/// own. On systems without <c>/proc</c> (macOS, Windows) it reads nothing and reports zero.
/// </summary>
internal sealed class ProgramCpu : IDisposable
{
    /// <summary>How often the account is read while the program runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux architecture .NET runs on
    private readonly string path;
    private readonly Thread? sampler;
    private readonly ManualResetEventSlim stopped = new();
    private readonly Lock gate = new();
    private long ticks;

    private ProgramCpu(int pid)
    {
        path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        if (File.Exists(path))
        {
            sampler = new Thread(() =>
            {
                while (!stopped.Wait(Interval))
                {
                    Sample();
                }
            })
            { IsBackground = true, Name = "program CPU", Priority = ThreadPriority.AboveNormal };
            sampler.Start();
        }
    }

    /// <summary>Starts watching the program with process id <paramref name="pid"/>.</summary>
    public static ProgramCpu Watch(int pid) => new(pid);

    /// <summary>Reads the account now, if the program can still be read.</summary>
    public void Sample()
    {
        if (sampler is null || Read(path) is not { } now)
        {
            return;
        }

        lock (gate)
        {
            ticks = Math.Max(ticks, now);
        }
    }

    /// <summary>Stops watching and returns the CPU time last read.</summary>
    public TimeSpan Stop()
    {
        stopped.Set();
        lock (gate)
        {
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
    }

    public void Dispose()
    {
        stopped.Set();
        sampler?.Join();
        stopped.Dispose();
    }

    /// <summary>utime + stime + cutime + cstime in clock ticks, or null when the file is gone or unreadable.</summary>
    internal static long? Read(string statPath)
    {
        try
        {
            string text = File.ReadAllText(statPath);

            // The command name (field 2) is in parentheses and may hold spaces; fields 3 on follow the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long sum = 0;
            for (int field = 14; field <= 17; field++)
            {
                sum += long.Parse(fields[field - 3], CultureInfo.InvariantCulture);
            }

            return sum;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
