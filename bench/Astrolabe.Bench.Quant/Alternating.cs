using System.Diagnostics;

namespace Astrolabe.Bench.Quant;

/// <summary>Two actions timed in alternation (so load changes on a shared machine hit both alike).</summary>
internal static class Alternating
{
    /// <summary>Median seconds per call of each action, over <paramref name="repeats"/> alternating batches of <paramref name="inner"/> calls after a one-second warm-up.</summary>
    public static (double A, double B) Median(Action a, Action b, int inner, int repeats)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1)
        {
            a();
            b();
        }

        var ta = new double[repeats];
        var tb = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            ta[r] = Time(a, inner);
            tb[r] = Time(b, inner);
        }

        Array.Sort(ta);
        Array.Sort(tb);
        return (ta[repeats / 2], tb[repeats / 2]);
    }

    private static double Time(Action action, int inner)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < inner; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds / inner;
    }
}
