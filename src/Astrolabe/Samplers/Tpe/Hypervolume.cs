namespace Astrolabe;

/// <summary>
/// Exact hypervolume of points (minimisation) against a reference point, by slicing along the last
/// objective (a sweep in two dimensions); meant for the small sets TPE weighs and selects from.
/// </summary>
internal static class Hypervolume
{
    /// <summary>The volume dominated by <paramref name="points"/> and bounded by <paramref name="reference"/>.</summary>
    public static double Compute(IReadOnlyList<double[]> points, double[] reference)
    {
        var inside = points.Where(p => Dominates(p, reference)).ToArray();
        return Volume(inside, reference, reference.Length);
    }

    /// <summary>The reference point TPE uses for a set: 1.1 × its worst values (0.9 × for negative ones), zeros nudged up.</summary>
    public static double[] ReferencePoint(IReadOnlyList<double[]> points)
    {
        int m = points[0].Length;
        var reference = new double[m];
        for (int j = 0; j < m; j++)
        {
            double worst = points.Max(p => p[j]);
            reference[j] = Math.Max(1.1 * worst, 0.9 * worst);
            if (reference[j] == 0)
            {
                reference[j] = 1e-12;
            }
        }

        return reference;
    }

    /// <summary>
    /// Greedily picks <paramref name="count"/> points that add the most hypervolume, one at a time (the
    /// 1 − 1/e approximation of hypervolume subset selection); returns their positions in <paramref name="points"/>.
    /// </summary>
    public static int[] GreedySubset(IReadOnlyList<double[]> points, int count, double[] reference)
    {
        var chosen = new List<int>(count);
        var chosenPoints = new List<double[]>(count);
        var taken = new bool[points.Count];
        double current = 0;
        while (chosen.Count < count)
        {
            int best = -1;
            double bestVolume = double.NegativeInfinity;
            for (int i = 0; i < points.Count; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                chosenPoints.Add(points[i]);
                double volume = Compute(chosenPoints, reference);
                chosenPoints.RemoveAt(chosenPoints.Count - 1);
                if (volume - current > bestVolume)
                {
                    bestVolume = volume - current;
                    best = i;
                }
            }

            taken[best] = true;
            chosen.Add(best);
            chosenPoints.Add(points[best]);
            current = Compute(chosenPoints, reference);
        }

        return [.. chosen];
    }

    private static bool Dominates(double[] p, double[] reference)
    {
        for (int j = 0; j < reference.Length; j++)
        {
            if (!(p[j] < reference[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static double Volume(double[][] points, double[] reference, int m)
    {
        if (points.Length == 0)
        {
            return 0;
        }

        if (m == 1)
        {
            return reference[0] - points.Min(p => p[0]);
        }

        var sorted = points.OrderBy(p => p[m - 1]).ToArray();
        if (m == 2)
        {
            double area = 0, bestX = reference[0];
            for (int i = 0; i < sorted.Length; i++)
            {
                bestX = Math.Min(bestX, sorted[i][0]);
                double nextY = i + 1 < sorted.Length ? sorted[i + 1][1] : reference[1];
                area += (reference[0] - bestX) * (nextY - sorted[i][1]);
            }

            return area;
        }

        double volume = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double next = i + 1 < sorted.Length ? sorted[i + 1][m - 1] : reference[m - 1];
            if (next > sorted[i][m - 1])
            {
                volume += (next - sorted[i][m - 1]) * Volume(sorted[..(i + 1)], reference, m - 1);
            }
        }

        return volume;
    }
}
