namespace Astrolabe;

/// <summary>
/// Maximises a <see cref="GpAcquisition"/> over a <see cref="GpSpace"/> as Optuna's GPSampler does: a batch of
/// scrambled Sobol candidates (plus the caller's warm starts, e.g. the best trials so far) is evaluated at once, and
/// from the best few a local search climbs: L-BFGS with the box [0, 1] on the continuous coordinates (the others
/// held), then, one discrete or categorical coordinate at a time, every value it can take; rounds repeat until no
/// coordinate moves. The best point found is returned, on the space's grid.
/// </summary>
internal static class AcquisitionOptimizer
{
    private const int MaxRounds = 10;

    /// <summary>The best point found; <paramref name="seed"/> scrambles the candidates.</summary>
    public static double[] Maximize(GpAcquisition acquisition, GpSpace space, int candidates, int localSearches, IReadOnlyList<double[]> warmStarts, int seed)
    {
        int d = space.Dimensions;
        int m = candidates + warmStarts.Count;
        var points = new double[m][];
        var sobol = new SobolSequence(d, seed);
        for (int j = 0; j < candidates; j++)
        {
            points[j] = new double[d];
            sobol.Point(j, points[j]);
            space.FromCube(points[j]);
        }

        for (int j = 0; j < warmStarts.Count; j++)
        {
            points[candidates + j] = (double[])warmStarts[j].Clone();
            space.Snap(points[candidates + j]);
        }

        var values = EvaluateMany(acquisition, points, d);
        var order = Enumerable.Range(0, m).Where(j => double.IsFinite(values[j])).OrderByDescending(j => values[j]).ToList();
        if (order.Count == 0)
        {
            return points[0];
        }

        // The best candidates, and every warm start, each climbed from.
        var starts = order.Take(localSearches).Concat(Enumerable.Range(candidates, warmStarts.Count).Where(j => double.IsFinite(values[j]))).Distinct();
        double[] best = points[order[0]];
        double bestValue = values[order[0]];
        foreach (int j in starts)
        {
            var (point, value) = LocalSearch(acquisition, space, points[j], values[j]);
            if (value > bestValue)
            {
                (best, bestValue) = (point, value);
            }
        }

        return best;
    }

    /// <summary>The acquisition at each point (one vectorised batch).</summary>
    public static double[] EvaluateMany(GpAcquisition acquisition, IReadOnlyList<double[]> points, int d)
    {
        int m = points.Count;
        var columns = new double[d * m];
        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < d; k++)
            {
                columns[(k * m) + j] = points[j][k];
            }
        }

        var values = new double[m];
        acquisition.Evaluate(columns, m, values);
        return values;
    }

    private static (double[] Point, double Value) LocalSearch(GpAcquisition acquisition, GpSpace space, double[] start, double startValue)
    {
        int d = space.Dimensions;
        var x = (double[])start.Clone();
        double value = startValue;
        var continuous = Enumerable.Range(0, d).Where(i => space.Choices[i] is null).ToArray();
        var lower = new double[d];
        var upper = new double[d];
        for (int round = 0; round < MaxRounds; round++)
        {
            bool moved = false;
            if (continuous.Length > 0)
            {
                for (int i = 0; i < d; i++)
                {
                    bool free = space.Choices[i] is null;
                    lower[i] = free ? 0 : x[i];
                    upper[i] = free ? 1 : x[i];
                }

                var candidate = (double[])x.Clone();
                double negative = BoundedLbfgs.Minimize((p, g) => Negated(acquisition, p, g), candidate, lower, upper, 1e-5, 100);
                if (double.IsFinite(negative) && -negative > value + 1e-12)
                {
                    (x, value, moved) = (candidate, -negative, true);
                }
            }

            for (int i = 0; i < d; i++)
            {
                if (space.Choices[i] is not { } choices || choices.Length < 2)
                {
                    continue;
                }

                var trials = new double[choices.Length][];
                for (int c = 0; c < choices.Length; c++)
                {
                    trials[c] = (double[])x.Clone();
                    trials[c][i] = choices[c];
                }

                var values = EvaluateMany(acquisition, trials, d);
                int bestChoice = -1;
                for (int c = 0; c < choices.Length; c++)
                {
                    if (values[c] > value + 1e-12)
                    {
                        (bestChoice, value) = (c, values[c]);
                    }
                }

                if (bestChoice >= 0)
                {
                    x[i] = choices[bestChoice];
                    moved = true;
                }
            }

            if (!moved)
            {
                break;
            }
        }

        space.Snap(x);
        return (x, value);
    }

    private static double Negated(GpAcquisition acquisition, double[] point, double[] gradient)
    {
        double value = acquisition.ValueAndGradient(point, gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -value;
    }
}
