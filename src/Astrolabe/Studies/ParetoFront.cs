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
}
