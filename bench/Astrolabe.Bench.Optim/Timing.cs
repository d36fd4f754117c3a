using System.Diagnostics;

namespace Astrolabe.Bench.Optim;

/// <summary>Median-of-repeats timing of an action, after warm-up.</summary>
internal static class Timing
{
    public static double MedianSeconds(Action action, int repeats, int warmup = 3)
    {
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        var samples = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            action();
            samples[r] = sw.Elapsed.TotalSeconds;
        }

        Array.Sort(samples);
        return samples[repeats / 2];
    }

    /// <summary>Times two actions in alternation (so both see the same machine load); returns both medians.</summary>
    public static (double A, double B) MedianSecondsInterleaved(Action a, Action b, int repeats, int warmup = 3)
    {
        for (int i = 0; i < warmup; i++)
        {
            a();
            b();
        }

        var sa = new double[repeats];
        var sb = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            a();
            sa[r] = sw.Elapsed.TotalSeconds;
            sw.Restart();
            b();
            sb[r] = sw.Elapsed.TotalSeconds;
        }

        Array.Sort(sa);
        Array.Sort(sb);
        return (sa[repeats / 2], sb[repeats / 2]);
    }
}
