namespace Astrolabe.ModelSearch;

/// <summary>
/// The integration of <see cref="IntegrationRule.Adaptive"/>: the trapezoid on a grid refined by bisecting, a few
/// intervals per round, the intervals whose own completeness gap is largest, until the gradient budget is spent. The
/// weights stay the trapezoid's, so the completeness gap that remains is still an honest estimate of the error.
/// </summary>
internal static class AdaptiveQuadrature
{
    /// <summary>
    /// Intervals bisected per round (one batched evaluation), of those whose gap is at least half the largest: a
    /// round does not spend points on small gaps while a large one could still be halved.
    /// </summary>
    private const int PerRound = 8;

    /// <summary>
    /// Integrates the gradient along the path with <paramref name="steps"/> + 1 evaluations of
    /// <paramref name="evaluate"/> (which returns f and its gradient, <paramref name="size"/> values per point, at the
    /// points α asked for). Returns ∫₀¹ ∇f dα, one value per input.
    /// </summary>
    public static double[] Integrate(int steps, int size, ReadOnlySpan<double> direction, Func<double[], (double[] Values, float[] Gradients)> evaluate)
    {
        var (start, _) = IntegrationRule.Adaptive.Points(steps);
        var points = new List<Point>(steps + 1);
        Add(points, start, evaluate(start), size, direction);
        int budget = steps + 1 - start.Length;
        while (budget > 0)
        {
            var gaps = Enumerable.Range(0, points.Count - 1)
                .Select(j => (Interval: j, Gap: Math.Abs(Gap(points[j], points[j + 1]))))
                .OrderByDescending(g => g.Gap).ThenBy(g => g.Interval)
                .ToList();
            double largest = gaps[0].Gap;
            if (!(largest > 0))
            {
                break; // nothing left to refine, or the path's values are NaN (a model that outputs NaN)
            }

            var worst = gaps.TakeWhile(g => g.Gap >= largest / 2).Take(Math.Min(budget, PerRound)).ToList();

            var mid = worst.Select(w => (points[w.Interval].Alpha + points[w.Interval + 1].Alpha) / 2).ToArray();
            Add(points, mid, evaluate(mid), size, direction);
            points.Sort((a, b) => a.Alpha.CompareTo(b.Alpha));
            budget -= mid.Length;
        }

        var integral = new double[size];
        for (int k = 0; k < points.Count; k++)
        {
            double left = k > 0 ? points[k].Alpha - points[k - 1].Alpha : 0;
            double right = k < points.Count - 1 ? points[k + 1].Alpha - points[k].Alpha : 0;
            double weight = (left + right) / 2;
            var g = points[k].Gradient;
            for (int i = 0; i < size; i++)
            {
                integral[i] += weight * g[i];
            }
        }

        return integral;
    }

    /// <summary>The interval's completeness gap: the change of f less the trapezoid's estimate of it.</summary>
    private static double Gap(Point a, Point b) => b.Value - a.Value - ((b.Alpha - a.Alpha) * (a.Slope + b.Slope) / 2);

    private static void Add(List<Point> points, double[] alphas, (double[] Values, float[] Gradients) at, int size, ReadOnlySpan<double> direction)
    {
        for (int k = 0; k < alphas.Length; k++)
        {
            var g = at.Gradients.AsSpan(k * size, size).ToArray();
            double slope = 0;
            for (int i = 0; i < size; i++)
            {
                slope += g[i] * direction[i];
            }

            points.Add(new Point(alphas[k], at.Values[k], slope, g));
        }
    }

    /// <summary>A point of the path: α, f, f′ = ∇f · (x − x′), and ∇f.</summary>
    private sealed record Point(double Alpha, double Value, double Slope, float[] Gradient);
}
