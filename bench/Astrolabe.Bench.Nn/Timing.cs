using System.Diagnostics;

namespace Astrolabe.Bench.Nn;

/// <summary>Median-of-repeats timing of an action: wall-clock and process CPU time per call.</summary>
internal static class Timing
{
    /// <summary>
    /// Warms up (at least <paramref name="warmup"/> × <paramref name="inner"/> calls and at least
    /// <paramref name="warmupSeconds"/>, so that the JIT's tiered compilation has finished and the steady state is
    /// timed), then times <paramref name="repeats"/> batches of <paramref name="inner"/> calls; returns the median
    /// wall seconds and the median process CPU seconds (all threads) per call.
    /// </summary>
    public static (double Wall, double Cpu) Median(Action action, int inner, int repeats = 7, int warmup = 3, double warmupSeconds = 2)
    {
        var warming = Stopwatch.StartNew();
        for (int i = 0; i < warmup * inner || warming.Elapsed.TotalSeconds < warmupSeconds; i++)
        {
            action();
        }

        var wall = new double[repeats];
        var cpu = new double[repeats];
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeats; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < inner; i++)
            {
                action();
            }

            wall[r] = sw.Elapsed.TotalSeconds / inner;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - cpu0).TotalSeconds / inner;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall[repeats / 2], cpu[repeats / 2]);
    }
}
