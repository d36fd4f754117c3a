namespace Astrolabe.Tests.Samplers.Qmc;

/// <summary>The exact star discrepancy of a 2-D point set (O(N³) over the critical boxes; fine for small N).</summary>
internal static class StarDiscrepancy
{
    public static double Of(IReadOnlyList<(double X, double Y)> points)
    {
        var xs = points.Select(p => p.X).Append(1.0).Distinct().Order().ToArray();
        var ys = points.Select(p => p.Y).Append(1.0).Distinct().Order().ToArray();
        double n = points.Count, worst = 0;
        foreach (double bx in xs)
        {
            foreach (double by in ys)
            {
                double volume = bx * by;
                int open = points.Count(p => p.X < bx && p.Y < by);
                int closed = points.Count(p => p.X <= bx && p.Y <= by);
                worst = Math.Max(worst, Math.Max(volume - (open / n), (closed / n) - volume));
            }
        }

        return worst;
    }
}
