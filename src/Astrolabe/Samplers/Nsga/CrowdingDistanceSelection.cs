namespace Astrolabe;

/// <summary>
/// NSGA-II's survival (Deb et al. 2002, as Optuna 3.1): whole fronts while they fit, then the members of the front
/// that overflows with the largest crowding distance (the sum over objectives of the gap between a member's two
/// neighbours, relative to the front's finite range; the extremes get infinity).
/// </summary>
internal sealed class CrowdingDistanceSelection : IEliteSelection
{
    /// <inheritdoc />
    public List<FrozenTrial> Select(IReadOnlyList<NsgaDominance.Member> candidates, int size, NsgaDominance dominance, int generation)
    {
        var elite = new List<FrozenTrial>(size);
        foreach (var front in dominance.Sort(candidates))
        {
            if (elite.Count + front.Count < size)
            {
                elite.AddRange(front.Select(m => m.Trial));
                continue;
            }

            var distance = CrowdingDistance(front);
            var order = Enumerable.Range(0, front.Count).ToArray();

            // Largest distance first; ties keep the later member first, as Optuna's sort followed by reverse does.
            Array.Sort(order, (a, b) => distance[a] != distance[b] ? distance[b].CompareTo(distance[a]) : b.CompareTo(a));
            elite.AddRange(order.Take(size - elite.Count).Select(i => front[i].Trial));
            break;
        }

        return elite;
    }

    /// <summary>The crowding distance of each member of a front, as Optuna 3.1's <c>_calc_crowding_distance</c>.</summary>
    internal static double[] CrowdingDistance(IReadOnlyList<NsgaDominance.Member> front)
    {
        int n = front.Count;
        var distance = new double[n];
        if (n == 0)
        {
            return distance;
        }

        int m = front[0].Key.Length;
        var order = new int[n];
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => front[a].Key[j] != front[b].Key[j] ? front[a].Key[j].CompareTo(front[b].Key[j]) : a.CompareTo(b));
            double first = front[order[0]].Key[j], last = front[order[^1]].Key[j];
            if (first == last)
            {
                continue;
            }

            // Neighbours beyond the ends are −∞ and +∞; the width is the range of the finite values.
            var finite = order.Select(i => front[i].Key[j]).Where(double.IsFinite).ToArray();
            double width = finite.Length > 0 ? finite[^1] - finite[0] : 0;
            if (!(width > 0))
            {
                width = 1;
            }

            for (int r = 0; r < n; r++)
            {
                double below = r == 0 ? double.NegativeInfinity : front[order[r - 1]].Key[j];
                double above = r == n - 1 ? double.PositiveInfinity : front[order[r + 1]].Key[j];
                double gap = below == above ? 0 : above - below;
                distance[order[r]] += gap / width;
            }
        }

        return distance;
    }
}
