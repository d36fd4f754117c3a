using System.Runtime.InteropServices;

namespace Astrolabe.Bench.Nn;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): what one-thread work costs even when a
/// loaded machine keeps the thread waiting, and without the runtime's background threads (JIT, collector).
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Seconds of CPU this thread has used.</summary>
    public static double Now() => ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds + (t.Nanoseconds * 1e-9) : double.NaN;

    /// <summary>The median thread-CPU seconds per call over <paramref name="repeats"/> batches of <paramref name="inner"/> calls, after <paramref name="warmup"/> batches.</summary>
    public static double Median(Action action, int inner, int repeats = 9, int warmup = 3)
    {
        var times = new double[repeats];
        for (int r = -warmup; r < repeats; r++)
        {
            double t0 = Now();
            for (int i = 0; i < inner; i++)
            {
                action();
            }

            if (r >= 0)
            {
                times[r] = (Now() - t0) / inner;
            }
        }

        Array.Sort(times);
        return times[repeats / 2];
    }
}
