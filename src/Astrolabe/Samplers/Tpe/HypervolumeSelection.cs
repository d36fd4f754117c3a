namespace Astrolabe;

/// <summary>
/// The hypervolume helpers TPE's multi-objective split uses on the small sets it weighs and selects from: its
/// reference point and a greedy subset of largest hypervolume (volumes by <see cref="Hypervolume"/>).
/// </summary>
internal static class HypervolumeSelection
{
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
                double volume = Hypervolume.Compute(chosenPoints, reference);
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
            current = Hypervolume.Compute(chosenPoints, reference);
        }

        return [.. chosen];
    }
}
