namespace Astrolabe;

/// <summary>
/// Splits observations into the good ("below") and the rest ("above"), as Optuna 3.1 does: feasible
/// before infeasible when constraints are used; one objective by (step key, value); several objectives by
/// non-domination rank, the last rank cut by greedy hypervolume subset selection, complete observations before
/// pruned ones (as Optuna 4). Indices come back ascending (trial order), so the weights function sees the oldest
/// first.
/// </summary>
internal static class ObservationSplit
{
    /// <summary>Splits <paramref name="observations"/> so that <paramref name="nBelow"/> of them are good.</summary>
    public static (int[] Below, int[] Above) Split(IReadOnlyList<Observation> observations, int nBelow, bool constraints)
    {
        nBelow = Math.Clamp(nBelow, 0, observations.Count);
        if (constraints)
        {
            var byViolation = Enumerable.Range(0, observations.Count).OrderBy(i => observations[i].Violation).ToArray();
            if (nBelow >= byViolation.Length || observations[byViolation[nBelow]].Violation > 0)
            {
                return (Sorted(byViolation[..nBelow]), Sorted(byViolation[nBelow..]));
            }

            var feasible = Enumerable.Range(0, observations.Count).Where(i => observations[i].Violation == 0).ToArray();
            var infeasible = Enumerable.Range(0, observations.Count).Where(i => observations[i].Violation > 0);
            var (below, above) = Split(feasible.Select(i => observations[i]).ToArray(), nBelow, false);
            return (Sorted(below.Select(i => feasible[i])), Sorted(above.Select(i => feasible[i]).Concat(infeasible)));
        }

        int[] chosen = observations.Count > 0 && observations[0].Values.Length > 1
            ? CompleteFirst(observations, nBelow)
            : Enumerable.Range(0, observations.Count).OrderBy(i => observations[i].Step).ThenBy(i => observations[i].Values[0]).Take(nBelow).ToArray();
        var isBelow = new bool[observations.Count];
        foreach (int i in chosen)
        {
            isBelow[i] = true;
        }

        return (Sorted(chosen), Enumerable.Range(0, observations.Count).Where(i => !isBelow[i]).ToArray());
    }

    /// <summary>
    /// Weights of the good observations of a multi-objective study: each feasible complete one's share of the
    /// hypervolume they dominate together (relative to the largest), infeasible and pruned ones a tiny weight.
    /// </summary>
    public static double[] MultiObjectiveWeights(IReadOnlyList<Observation> observations, int[] below)
    {
        var weights = new double[below.Length];
        Array.Fill(weights, 1e-12);
        var feasible = Enumerable.Range(0, below.Length).Where(j => observations[below[j]].Violation == 0 && observations[below[j]].IsComplete).ToArray();
        if (feasible.Length == 1)
        {
            weights[feasible[0]] = 1;
        }
        else if (feasible.Length > 1)
        {
            var points = feasible.Select(j => observations[below[j]].Values).ToList();
            var reference = HypervolumeSelection.ReferencePoint(points);
            double total = Hypervolume.Compute(points, reference);
            var contributions = new double[points.Count];
            for (int i = 0; i < points.Count; i++)
            {
                var others = points.Where((_, j) => j != i).ToList();
                contributions[i] = total - Hypervolume.Compute(others, reference) + 1e-12;
            }

            double max = contributions.Max();
            for (int i = 0; i < points.Count; i++)
            {
                weights[feasible[i]] = Math.Clamp(contributions[i] / max, 0, 1);
            }
        }

        return weights;
    }

    /// <summary>
    /// Weights of the good observations of a single-objective study by expected improvement: how far each one's
    /// value lies below the best complete value of the rest, scaled to mean 1 (the prior's weight), floored at
    /// 1e-12. Null (the usual weights apply) when a good observation is pruned or running, when the rest hold no
    /// finite complete value, or when every good value equals that threshold.
    /// </summary>
    public static double[]? ImprovementWeights(IReadOnlyList<Observation> observations, int[] below, int[] above)
    {
        double threshold = double.PositiveInfinity;
        foreach (int i in above)
        {
            if (observations[i].IsComplete)
            {
                threshold = Math.Min(threshold, observations[i].Values[0]);
            }
        }

        if (below.Length == 0 || !double.IsFinite(threshold))
        {
            return null;
        }

        var weights = new double[below.Length];
        double sum = 0;
        for (int j = 0; j < below.Length; j++)
        {
            var o = observations[below[j]];
            if (!o.IsComplete || !double.IsFinite(o.Values[0]))
            {
                return null;
            }

            weights[j] = Math.Max(threshold - o.Values[0], 0);
            sum += weights[j];
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            return null;
        }

        double mean = sum / below.Length;
        for (int j = 0; j < below.Length; j++)
        {
            weights[j] = Math.Max(weights[j] / mean, 1e-12);
        }

        return weights;
    }

    /// <summary>
    /// Several objectives: the good ones among the complete observations, then, when there are too few, pruned ones in
    /// trial order (Optuna 4's order: pruned trials of a multi-objective study have no values to rank them by).
    /// </summary>
    private static int[] CompleteFirst(IReadOnlyList<Observation> observations, int nBelow)
    {
        var complete = Enumerable.Range(0, observations.Count).Where(i => observations[i].IsComplete).ToArray();
        int fromComplete = Math.Min(nBelow, complete.Length);
        var below = MultiObjectiveBelow(complete.Select(i => observations[i]).ToArray(), fromComplete).Select(j => complete[j]);
        var pruned = Enumerable.Range(0, observations.Count).Where(i => !observations[i].IsComplete).Take(nBelow - fromComplete);
        return [.. below, .. pruned];
    }

    private static int[] MultiObjectiveBelow(Observation[] observations, int nBelow)
    {
        var ranks = NondominationRanks(observations.Select(o => o.Values).ToArray());
        var chosen = new List<int>(nBelow);
        for (int rank = 0; chosen.Count < nBelow; rank++)
        {
            var front = Enumerable.Range(0, ranks.Length).Where(i => ranks[i] == rank).ToArray();
            if (chosen.Count + front.Length <= nBelow)
            {
                chosen.AddRange(front);
                continue;
            }

            var points = front.Select(i => observations[i].Values).ToList();
            var picked = HypervolumeSelection.GreedySubset(points, nBelow - chosen.Count, HypervolumeSelection.ReferencePoint(points));
            chosen.AddRange(picked.Select(p => front[p]));
        }

        return [.. chosen];
    }

    /// <summary>Non-dominated sorting: rank 0 is the Pareto front, rank 1 the front of the rest, and so on.</summary>
    internal static int[] NondominationRanks(double[][] values) =>
        ParetoFront.NondominationRanks(values.Length, (i, j) => ParetoFront.CompareMinimised(values[i], values[j]));

    private static int[] Sorted(IEnumerable<int> indices)
    {
        var result = indices.ToArray();
        Array.Sort(result);
        return result;
    }
}
