namespace Astrolabe;

/// <summary>
/// Domination between the complete trials of a population: Pareto domination over the study's directions, or, when
/// the sampler has a constraints function, Deb's constrained domination as Optuna applies it: a trial with stored
/// constraint values beats one without; a feasible trial (every value ≤ 0) beats an infeasible one; two infeasible
/// trials compare by their total violation (the sum of the positive values); two feasible ones by Pareto domination.
/// Objective values are read once per trial, as minimised keys.
/// </summary>
internal sealed class NsgaDominance
{
    private readonly IReadOnlyList<StudyDirection> directions;
    private readonly bool constrained;

    public NsgaDominance(IReadOnlyList<StudyDirection> directions, bool constrained)
    {
        this.directions = directions;
        this.constrained = constrained;
    }

    /// <summary>The study's directions.</summary>
    public IReadOnlyList<StudyDirection> Directions => directions;

    /// <summary>What domination reads of a trial, computed once.</summary>
    public Member Of(FrozenTrial trial)
    {
        var values = trial.Values ?? throw new InvalidOperationException($"Trial {trial.Number} has no values and cannot join a population.");
        var key = new double[directions.Count];
        for (int j = 0; j < key.Length; j++)
        {
            key[j] = directions[j] == StudyDirection.Maximize ? -values[j] : values[j];
        }

        var constraints = constrained ? ConstraintValues.Read(trial) : null;
        double violation = constraints?.Where(c => c > 0).Sum() ?? 0;
        return new Member(trial, key, constraints, violation);
    }

    /// <summary>True when <paramref name="a"/> (constrained-)dominates <paramref name="b"/>.</summary>
    public bool Dominates(Member a, Member b)
    {
        if (!constrained || (a.Constraints is null && b.Constraints is null))
        {
            return Pareto(a.Key, b.Key);
        }

        if (a.Constraints is null || b.Constraints is null)
        {
            return b.Constraints is null;
        }

        if (a.Constraints.Length != b.Constraints.Length)
        {
            throw new InvalidOperationException(
                $"Trials {a.Trial.Number} and {b.Trial.Number} have {a.Constraints.Length} and {b.Constraints.Length} constraint values; "
                + "the constraints function must return the same number of values for every trial of a study.");
        }

        bool feasibleA = a.Violation == 0, feasibleB = b.Violation == 0;
        return (feasibleA, feasibleB) switch
        {
            (true, true) => Pareto(a.Key, b.Key),
            (true, false) => true,
            (false, true) => false,
            _ => a.Violation < b.Violation,
        };
    }

    /// <summary>
    /// Fast non-dominated sorting (Deb et al. 2002): the members in fronts, the first dominated by none, each next
    /// one dominated only by members of the fronts before it; members keep their order within a front.
    /// </summary>
    public List<List<Member>> Sort(IReadOnlyList<Member> members)
    {
        var ranks = ParetoFront.NondominationRanks(members.Count, (i, j) => Compare(members[i], members[j]));
        var fronts = new List<List<Member>>();
        for (int i = 0; i < ranks.Length; i++)
        {
            while (fronts.Count <= ranks[i])
            {
                fronts.Add([]);
            }

            fronts[ranks[i]].Add(members[i]);
        }

        return fronts;
    }

    /// <summary>−1 when <paramref name="a"/> (constrained-)dominates <paramref name="b"/>, 1 the other way, else 0: one pass over the keys where Pareto domination is all that counts.</summary>
    private int Compare(Member a, Member b) =>
        constrained && (a.Constraints is not null || b.Constraints is not null)
            ? (Dominates(a, b) ? -1 : Dominates(b, a) ? 1 : 0)
            : ParetoFront.CompareMinimised(a.Key, b.Key);

    private static bool Pareto(double[] a, double[] b)
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

        return better;
    }

    /// <summary>A trial with its minimised objective values and its constraint values (null when it has none or none count).</summary>
    public sealed record Member(FrozenTrial Trial, double[] Key, double[]? Constraints, double Violation);
}
