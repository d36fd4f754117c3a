namespace Astrolabe;

/// <summary>The non-dominated trials of a set, for any number of objectives.</summary>
public static class ParetoFront
{
    /// <summary>
    /// The Pareto front of the feasible trials only (<see cref="FrozenTrial.IsFeasible"/>), as
    /// <see cref="Study.BestTrials"/> reports it.
    /// </summary>
    public static IReadOnlyList<FrozenTrial> OfFeasible(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return Of([.. trials.Where(t => t.IsFeasible)], directions);
    }

    /// <summary>
    /// The trials no other trial dominates (at least as good in every objective and better in one), in
    /// number order. Trials with identical values are all kept.
    /// </summary>
    public static IReadOnlyList<FrozenTrial> Of(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        var front = new List<FrozenTrial>();
        foreach (var t in trials)
        {
            if (t.Values is null)
            {
                continue;
            }

            bool dominated = false;
            foreach (var other in trials)
            {
                if (other.Values is not null && Dominates(other.Values, t.Values, directions))
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated)
            {
                front.Add(t);
            }
        }

        return front;
    }

    /// <summary>True when <paramref name="a"/> is at least as good as <paramref name="b"/> everywhere and better somewhere.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(directions);
        bool better = false;
        for (int i = 0; i < directions.Count; i++)
        {
            if (StorageRules.IsBetter(b[i], a[i], directions[i]))
            {
                return false;
            }

            better |= StorageRules.IsBetter(a[i], b[i], directions[i]);
        }

        return better;
    }

    /// <summary>
    /// Pareto order of two minimised keys in one pass: −1 when <paramref name="a"/> dominates <paramref name="b"/>,
    /// 1 when <paramref name="b"/> dominates <paramref name="a"/>, 0 otherwise (NaN compares as neither better nor worse).
    /// </summary>
    internal static int CompareMinimised(double[] a, double[] b)
    {
        bool aBetter = false, bBetter = false;
        for (int k = 0; k < a.Length; k++)
        {
            aBetter |= a[k] < b[k];
            bBetter |= b[k] < a[k];
        }

        return aBetter == bBetter ? 0 : aBetter ? -1 : 1;
    }

    /// <summary>
    /// Fast non-dominated sorting (Deb et al. 2002) of <paramref name="n"/> items under <paramref name="compare"/>
    /// (−1 when item i dominates item j, 1 when j dominates i, 0 otherwise; asked once per pair i &lt; j): rank 0 is
    /// the front no item dominates, rank 1 the front of the rest, and so on. The dominations are kept grouped by
    /// winner in one array (compressed rows), whatever n.
    /// </summary>
    internal static int[] NondominationRanks(int n, Func<int, int, int> compare)
    {
        var dominatedCount = new int[n];
        var winners = new List<int>();
        var losers = new List<int>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                int order = compare(i, j);
                if (order != 0)
                {
                    winners.Add(order < 0 ? i : j);
                    losers.Add(order < 0 ? j : i);
                    dominatedCount[order < 0 ? j : i]++;
                }
            }
        }

        var rowStart = new int[n + 1];
        foreach (int w in winners)
        {
            rowStart[w + 1]++;
        }

        for (int i = 0; i < n; i++)
        {
            rowStart[i + 1] += rowStart[i];
        }

        var dominates = new int[winners.Count];
        var filled = rowStart[..n];
        for (int e = 0; e < winners.Count; e++)
        {
            dominates[filled[winners[e]]++] = losers[e];
        }

        var ranks = new int[n];
        var current = Enumerable.Range(0, n).Where(i => dominatedCount[i] == 0).ToList();
        for (int rank = 0; current.Count > 0; rank++)
        {
            var next = new List<int>();
            foreach (int i in current)
            {
                ranks[i] = rank;
                foreach (int j in dominates.AsSpan(rowStart[i], rowStart[i + 1] - rowStart[i]))
                {
                    if (--dominatedCount[j] == 0)
                    {
                        next.Add(j);
                    }
                }
            }

            current = next;
        }

        return ranks;
    }
}
