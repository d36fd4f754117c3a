namespace Astrolabe;

/// <summary>
/// The hypervolume of a set of points of minimised objectives: the measure of the region that some point of the set
/// dominates and that is bounded above by a reference point. Exact in every dimension: a sort and a sweep in two
/// dimensions, the WFG algorithm (While, Bradstreet and Barone 2012, as Optuna computes it) in three and more, whose
/// cost grows exponentially with the number of objectives in the worst case but stays small for fronts of a few
/// hundred points in three to five objectives. Points that do not lie strictly below the reference point in every
/// objective add nothing. To measure maximised objectives, negate them and the reference point.
/// </summary>
public static class Hypervolume
{
    /// <summary>
    /// The hypervolume of <paramref name="points"/> (each a vector of minimised objective values) against
    /// <paramref name="referencePoint"/>; 0 for an empty set. Throws <see cref="ArgumentException"/> for a point whose
    /// length differs from the reference point's, for a NaN anywhere, or for a reference point with an infinite value
    /// or no value at all.
    /// </summary>
    public static double Compute(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(referencePoint);
        int m = referencePoint.Count;
        if (m == 0)
        {
            throw new ArgumentException("The reference point needs at least one objective.", nameof(referencePoint));
        }

        var reference = referencePoint.ToArray();
        if (!reference.All(double.IsFinite))
        {
            throw new ArgumentException($"The reference point must be finite, not [{string.Join(", ", reference)}].", nameof(referencePoint));
        }

        var inside = new List<double[]>(points.Count);
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i] ?? throw new ArgumentException($"Point {i} is null.", nameof(points));
            if (p.Count != m)
            {
                throw new ArgumentException($"Point {i} has {p.Count} values; the reference point has {m}.", nameof(points));
            }

            if (p.Any(double.IsNaN))
            {
                throw new ArgumentException($"Point {i} has a NaN value: [{string.Join(", ", p)}].", nameof(points));
            }

            bool below = true;
            for (int j = 0; j < m && below; j++)
            {
                below = p[j] < reference[j];
            }

            if (below)
            {
                inside.Add([.. p]);
            }
        }

        return Of(inside, reference);
    }

    /// <summary>The hypervolume of points that all lie strictly below <paramref name="reference"/> (not checked).</summary>
    internal static double Of(List<double[]> points, double[] reference)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        if (reference.Length == 1)
        {
            return reference[0] - points.Min(p => p[0]);
        }

        // Lexicographic order: in two dimensions the sweep needs it; in more, WFG's limited sets stay small with it.
        points.Sort(Lexicographic);
        return reference.Length == 2 ? Sweep(points, reference) : Wfg(points, reference);
    }

    /// <summary>Two objectives, points sorted by the first: each point adds the strip up to the best second value so far.</summary>
    private static double Sweep(List<double[]> sorted, double[] reference)
    {
        double area = 0, ceiling = reference[1];
        foreach (var p in sorted)
        {
            if (p[1] < ceiling)
            {
                area += (reference[0] - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }

        return area;
    }

    /// <summary>
    /// WFG on lexicographically sorted points: the volume is the sum over points k of what k alone dominates minus
    /// the hypervolume of the points after it limited to k's box (each coordinate max(p, k)), reduced to its front.
    /// </summary>
    private static double Wfg(List<double[]> sorted, double[] reference)
    {
        int n = sorted.Count;
        if (n == 1)
        {
            return Box(sorted[0], reference);
        }

        if (n == 2)
        {
            return Box(sorted[0], reference) + Box(sorted[1], reference) - Box(Worse(sorted[0], sorted[1]), reference);
        }

        double volume = 0;
        for (int k = 0; k < n; k++)
        {
            double own = Box(sorted[k], reference);
            if (k == n - 1)
            {
                volume += own;
                break;
            }

            var limited = new List<double[]>(n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                limited.Add(Worse(sorted[k], sorted[i]));
            }

            volume += own - Of(NonDominated(limited), reference);
        }

        return volume;
    }

    /// <summary>The points no other point of the list weakly dominates (duplicates kept once).</summary>
    internal static List<double[]> NonDominated(List<double[]> points)
    {
        points.Sort(Lexicographic);
        var front = new List<double[]>(points.Count);
        foreach (var p in points)
        {
            // Sorted lexicographically, a point can only be weakly dominated by one before it.
            bool dominated = false;
            foreach (var f in front)
            {
                if (WeaklyDominates(f, p))
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated)
            {
                front.Add(p);
            }
        }

        return front;
    }

    private static bool WeaklyDominates(double[] a, double[] b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] > b[j])
            {
                return false;
            }
        }

        return true;
    }

    private static double[] Worse(double[] a, double[] b)
    {
        var result = new double[a.Length];
        for (int j = 0; j < a.Length; j++)
        {
            result[j] = Math.Max(a[j], b[j]);
        }

        return result;
    }

    private static double Box(double[] p, double[] reference)
    {
        double volume = 1;
        for (int j = 0; j < p.Length; j++)
        {
            volume *= reference[j] - p[j];
        }

        return volume;
    }

    private static int Lexicographic(double[] a, double[] b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            int c = a[j].CompareTo(b[j]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
