namespace Astrolabe;

/// <summary>
/// The region that a Pareto front (minimised objectives) does not dominate, below a reference point, cut into
/// disjoint boxes, so that the hypervolume a new point y adds is Σ_boxes Π_j max(0, u_j − max(y_j, l_j)) and, for
/// independent Gaussian objectives, its expectation is a sum of products of one-dimensional closed forms (exact
/// expected hypervolume improvement). The cells of the grid that the front's coordinates draw on the first m − 1
/// axes each hold one box, unbounded below on every axis the front does not bound, whose height on the last axis is
/// the smallest last coordinate of the front points that dominate the cell's corner: (n + 1)^(m − 1) boxes for n
/// points. Fronts that would need more than <see cref="MaxBoxes"/> are thinned evenly along the first objective
/// first (the improvement is then overestimated, never undefined).
/// </summary>
internal sealed class HypervolumeBoxes
{
    /// <summary>The largest number of boxes kept.</summary>
    public const int MaxBoxes = 50_000;

    private HypervolumeBoxes(double[] lower, double[] upper, int objectives)
    {
        Lower = lower;
        Upper = upper;
        Objectives = objectives;
    }

    /// <summary>m.</summary>
    public int Objectives { get; }

    /// <summary>The boxes' lower corners, box-major (−∞ where unbounded).</summary>
    public double[] Lower { get; }

    /// <summary>The boxes' upper corners, box-major.</summary>
    public double[] Upper { get; }

    /// <summary>How many boxes.</summary>
    public int Count => Lower.Length / Objectives;

    /// <summary>
    /// The boxes for the non-dominated points among <paramref name="points"/> (k rows of m minimised values) that are
    /// below <paramref name="reference"/> in every objective.
    /// </summary>
    public static HypervolumeBoxes Build(IReadOnlyList<double[]> points, double[] reference)
    {
        int m = reference.Length;
        var front = ParetoFront(points.Where(p => p.Zip(reference).All(t => t.First < t.Second)).ToList());
        if (m > 1)
        {
            while (front.Count > 1 && Math.Pow(front.Count + 1, m - 1) > MaxBoxes)
            {
                front = [.. front.OrderBy(p => p[0]).Where((_, i) => i % 2 == 0)];
            }
        }

        // Per axis j < m − 1: the cell edges −∞, the sorted front coordinates, the reference.
        var edges = new double[Math.Max(m - 1, 0)][];
        for (int j = 0; j < m - 1; j++)
        {
            edges[j] = [double.NegativeInfinity, .. front.Select(p => p[j]).Distinct().Order(), reference[j]];
        }

        var lower = new List<double>();
        var upper = new List<double>();
        var index = new int[Math.Max(m - 1, 0)];
        while (true)
        {
            double height = reference[m - 1];
            foreach (var p in front)
            {
                bool dominatesCorner = true;
                for (int j = 0; j < m - 1 && dominatesCorner; j++)
                {
                    dominatesCorner = p[j] <= edges[j][index[j]];
                }

                if (dominatesCorner && p[m - 1] < height)
                {
                    height = p[m - 1];
                }
            }

            if (height > double.NegativeInfinity)
            {
                for (int j = 0; j < m - 1; j++)
                {
                    lower.Add(edges[j][index[j]]);
                    upper.Add(edges[j][index[j] + 1]);
                }

                lower.Add(double.NegativeInfinity);
                upper.Add(height);
            }

            int axis = 0;
            while (axis < m - 1 && ++index[axis] == edges[axis].Length - 1)
            {
                index[axis++] = 0;
            }

            if (axis == m - 1)
            {
                break;
            }
        }

        return new HypervolumeBoxes([.. lower], [.. upper], m);
    }

    /// <summary>The hypervolume that <paramref name="y"/> adds to the front (exact, for tests and checks).</summary>
    public double Improvement(ReadOnlySpan<double> y)
    {
        double total = 0;
        for (int b = 0; b < Count; b++)
        {
            double volume = 1;
            for (int j = 0; j < Objectives && volume > 0; j++)
            {
                volume *= Math.Max(0, Upper[(b * Objectives) + j] - Math.Max(y[j], Lower[(b * Objectives) + j]));
            }

            total += volume;
        }

        return total;
    }

    /// <summary>The points not dominated (weakly, duplicates kept once) by another.</summary>
    public static List<double[]> ParetoFront(List<double[]> points)
    {
        var front = new List<double[]>();
        for (int i = 0; i < points.Count; i++)
        {
            bool dominated = false;
            for (int k = 0; k < points.Count && !dominated; k++)
            {
                dominated = k != i && Dominates(points[k], points[i], strictBeforeEqual: k < i);
            }

            if (!dominated)
            {
                front.Add(points[i]);
            }
        }

        return front;
    }

    /// <summary>Whether a dominates b; equal points count as dominating only when <paramref name="strictBeforeEqual"/> (keeps the first copy).</summary>
    private static bool Dominates(double[] a, double[] b, bool strictBeforeEqual)
    {
        bool better = false;
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] > b[j])
            {
                return false;
            }

            better |= a[j] < b[j];
        }

        return better || strictBeforeEqual;
    }
}
