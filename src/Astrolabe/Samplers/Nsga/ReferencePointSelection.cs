namespace Astrolabe;

/// <summary>
/// NSGA-III's survival (Deb and Jain 2014, as Optuna's <c>NSGAIIISampler</c>): whole fronts while they fit; then the
/// kept members and the front that overflows are normalised (translated to their ideal point, scaled by the
/// intercepts of the hyperplane through the extreme points, or by the maximum when that plane is degenerate), each
/// member is associated with the nearest reference line, and members of the overflowing front are taken one by one
/// for the reference point with the fewest associated members so far (the closest member when it has none, a random
/// one otherwise, ties between reference points broken at random).
/// </summary>
internal sealed class ReferencePointSelection : IEliteSelection
{
    private readonly double[][]? referencePoints;
    private readonly int dividingParameter;
    private readonly int seed;

    /// <summary>
    /// With <paramref name="referencePoints"/> null, Das and Dennis's points with <paramref name="dividingParameter"/>
    /// divisions for the study's number of objectives.
    /// </summary>
    public ReferencePointSelection(double[][]? referencePoints, int dividingParameter, int seed)
    {
        this.referencePoints = referencePoints;
        this.dividingParameter = dividingParameter;
        this.seed = seed;
    }

    /// <inheritdoc />
    public List<FrozenTrial> Select(IReadOnlyList<NsgaDominance.Member> candidates, int size, NsgaDominance dominance, int generation)
    {
        var elite = new List<NsgaDominance.Member>(size);
        foreach (var front in dominance.Sort(candidates))
        {
            if (elite.Count + front.Count < size)
            {
                elite.AddRange(front);
                continue;
            }

            int m = front[0].Key.Length;
            var points = referencePoints ?? DasDennis.Points(m, dividingParameter);
            if (points.Any(p => p.Length != m))
            {
                throw new InvalidOperationException($"The reference points have {points.First(p => p.Length != m).Length} coordinates; the study has {m} objectives.");
            }

            var all = elite.Concat(front).ToList();
            var normalised = Normalise(all.Select(x => x.Key).ToArray());
            var (closest, distance) = Associate(normalised, points);
            var rng = new Random(unchecked((seed * 1_000_003) + generation));
            int kept = elite.Count;
            foreach (int i in Niching(size - kept, kept, all.Count, closest, distance, rng))
            {
                elite.Add(all[i]);
            }

            break;
        }

        return [.. elite.Select(x => x.Trial)];
    }

    /// <summary>
    /// Translates the objective vectors to their minimum, finds the extreme point of each axis by the achievement
    /// scalarising function (weights 1 on the axis, 10⁶ elsewhere), and divides by the intercepts of the plane through
    /// them; when that plane is degenerate (or an intercept is not finite) the maxima serve as intercepts. Infinite
    /// values count as the column's most extreme finite value on their side (0 when it has none).
    /// </summary>
    internal static double[][] Normalise(double[][] keys)
    {
        int n = keys.Length, m = keys[0].Length;
        var result = keys.Select(k => (double[])k.Clone()).ToArray();
        for (int j = 0; j < m; j++)
        {
            var finite = result.Select(r => r[j]).Where(double.IsFinite).ToList();
            double low = finite.Count > 0 ? finite.Min() : 0, high = finite.Count > 0 ? finite.Max() : 0;
            foreach (var r in result)
            {
                r[j] = double.IsPositiveInfinity(r[j]) ? high : double.IsNegativeInfinity(r[j]) ? low : r[j];
            }

            double min = result.Min(r => r[j]);
            foreach (var r in result)
            {
                r[j] -= min;
            }
        }

        var extremes = new double[m][];
        for (int axis = 0; axis < m; axis++)
        {
            double best = double.PositiveInfinity;
            int arg = 0;
            for (int i = 0; i < n; i++)
            {
                double asf = double.NegativeInfinity;
                for (int j = 0; j < m; j++)
                {
                    asf = Math.Max(asf, result[i][j] * (j == axis ? 1 : 1e6));
                }

                if (asf < best)
                {
                    (best, arg) = (asf, i);
                }
            }

            extremes[axis] = result[arg];
        }

        var inverse = Solve(extremes);
        if (inverse is null)
        {
            inverse = new double[m];
            for (int j = 0; j < m; j++)
            {
                double max = result.Max(r => r[j]);
                inverse[j] = 1 / (max == 0 ? 1 : max);
            }
        }

        foreach (var r in result)
        {
            for (int j = 0; j < m; j++)
            {
                r[j] *= double.IsFinite(inverse[j]) ? inverse[j] : 1;
            }
        }

        return result;
    }

    /// <summary>For each vector, its nearest reference line (through the origin and a reference point) and the distance to it.</summary>
    internal static (int[] Closest, double[] Distance) Associate(double[][] normalised, double[][] points)
    {
        var closest = new int[normalised.Length];
        var distance = new double[normalised.Length];
        for (int i = 0; i < normalised.Length; i++)
        {
            var x = normalised[i];
            distance[i] = double.PositiveInfinity;
            for (int p = 0; p < points.Length; p++)
            {
                var w = points[p];
                double ww = 0, xw = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    ww += w[j] * w[j];
                    xw += x[j] * w[j];
                }

                double squared = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    double r = x[j] - (xw / ww * w[j]);
                    squared += r * r;
                }

                double d = Math.Sqrt(squared);
                if (d < distance[i])
                {
                    (distance[i], closest[i]) = (d, p);
                }
            }
        }

        return (closest, distance);
    }

    /// <summary>
    /// Picks <paramref name="needed"/> of the members numbered <paramref name="kept"/> … <paramref name="total"/> − 1:
    /// each time for the reference point (among those with candidates left) with the fewest members so far.
    /// </summary>
    private static IEnumerable<int> Niching(int needed, int kept, int total, int[] closest, double[] distance, Random rng)
    {
        var count = new Dictionary<int, int>();
        for (int i = 0; i < kept; i++)
        {
            count[closest[i]] = count.GetValueOrDefault(closest[i]) + 1;
        }

        var candidates = new SortedDictionary<int, List<int>>();
        for (int i = kept; i < total; i++)
        {
            if (!candidates.TryGetValue(closest[i], out var list))
            {
                candidates[closest[i]] = list = [];
            }

            list.Add(i);
        }

        var queue = new PriorityQueue<int, (int Count, double TieBreak)>();
        foreach (var (point, list) in candidates)
        {
            list.Sort((a, b) => distance[a] != distance[b] ? distance[a].CompareTo(distance[b]) : a.CompareTo(b));
            queue.Enqueue(point, (count.GetValueOrDefault(point), rng.NextDouble()));
        }

        for (int taken = 0; taken < needed && queue.TryDequeue(out int point, out var priority); taken++)
        {
            var list = candidates[point];
            int at = priority.Count == 0 ? 0 : rng.Next(list.Count);
            yield return list[at];
            list.RemoveAt(at);
            if (list.Count > 0)
            {
                queue.Enqueue(point, (priority.Count + 1, rng.NextDouble()));
            }
        }
    }

    /// <summary>The solution of E·x = 1 by Gaussian elimination with partial pivoting; null when E is (nearly) singular or x is not finite.</summary>
    private static double[]? Solve(double[][] extremes)
    {
        int m = extremes.Length;
        var a = extremes.Select(r => r.Append(1.0).ToArray()).ToArray();
        for (int c = 0; c < m; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < m; r++)
            {
                if (Math.Abs(a[r][c]) > Math.Abs(a[pivot][c]))
                {
                    pivot = r;
                }
            }

            double scale = a.Max(r => Math.Abs(r[c]));
            if (!double.IsFinite(a[pivot][c]) || Math.Abs(a[pivot][c]) <= 1e-12 * Math.Max(scale, 1e-300))
            {
                return null;
            }

            (a[c], a[pivot]) = (a[pivot], a[c]);
            for (int r = 0; r < m; r++)
            {
                if (r != c)
                {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= m; k++)
                    {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }

        var x = new double[m];
        for (int i = 0; i < m; i++)
        {
            x[i] = a[i][m] / a[i][i];
        }

        return x.All(double.IsFinite) ? x : null;
    }
}
