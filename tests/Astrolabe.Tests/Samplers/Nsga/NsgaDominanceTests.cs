namespace Astrolabe.Tests.Samplers.Nsga;

public sealed class NsgaDominanceTests
{
    private static readonly StudyDirection[] MinMax = [StudyDirection.Minimize, StudyDirection.Maximize];

    private static NsgaDominance.Member Member(NsgaDominance dominance, int number, double[] values, double[]? constraints = null) =>
        dominance.Of(new FrozenTrial
        {
            Number = number,
            State = TrialState.Complete,
            Values = values,
            SystemAttrs = constraints is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["constraints"] = constraints },
        });

    [Fact]
    public void ParetoDominationFollowsTheDirections()
    {
        var d = new NsgaDominance(MinMax, constrained: false);
        Assert.True(d.Dominates(Member(d, 0, [1, 5]), Member(d, 1, [2, 4])));
        Assert.False(d.Dominates(Member(d, 0, [1, 3]), Member(d, 1, [2, 4])));
        Assert.False(d.Dominates(Member(d, 0, [1, 5]), Member(d, 1, [1, 5])));
    }

    [Fact]
    public void ConstrainedDominationPutsFeasibilityFirstThenTheSmallerViolation()
    {
        var d = new NsgaDominance(MinMax, constrained: true);
        var feasibleBad = Member(d, 0, [9, 0], [0, -1]);
        var infeasibleGood = Member(d, 1, [0, 9], [0.5, -1]);
        var lessInfeasible = Member(d, 2, [5, 5], [0.1, 0.1]);
        var unknown = Member(d, 3, [0, 9]);
        Assert.True(d.Dominates(feasibleBad, infeasibleGood));
        Assert.False(d.Dominates(infeasibleGood, feasibleBad));
        Assert.True(d.Dominates(lessInfeasible, infeasibleGood));
        Assert.True(d.Dominates(infeasibleGood, unknown));
        Assert.False(d.Dominates(unknown, infeasibleGood));
    }

    [Fact]
    public void DifferentNumbersOfConstraintValuesAreAClearError()
    {
        var d = new NsgaDominance(MinMax, constrained: true);
        var error = Assert.Throws<InvalidOperationException>(() => d.Dominates(Member(d, 4, [1, 1], [0]), Member(d, 7, [1, 1], [0, 0])));
        Assert.Contains("Trials 4 and 7 have 1 and 2 constraint values", error.Message);
    }

    [Fact]
    public void NonDominatedSortingFindsTheFronts()
    {
        var d = new NsgaDominance([StudyDirection.Minimize, StudyDirection.Minimize], constrained: false);
        var members = new[] { Member(d, 0, [1, 4]), Member(d, 1, [2, 2]), Member(d, 2, [3, 3]), Member(d, 3, [4, 1]), Member(d, 4, [5, 5]), Member(d, 5, [3, 4]) };
        var fronts = d.Sort(members);
        Assert.Equal([[0, 1, 3], [2], [5], [4]], fronts.Select(f => f.Select(m => m.Trial.Number).ToArray()).ToArray());
    }

    [Fact]
    public void CrowdingDistanceIsInfiniteAtTheEndsAndTheNeighbourGapInside()
    {
        var d = new NsgaDominance([StudyDirection.Minimize, StudyDirection.Minimize], constrained: false);
        var front = new[] { Member(d, 0, [0, 4]), Member(d, 1, [1, 2]), Member(d, 2, [3, 1]), Member(d, 3, [4, 0]) };
        var distance = CrowdingDistanceSelection.CrowdingDistance(front);
        Assert.True(double.IsPositiveInfinity(distance[0]));
        Assert.True(double.IsPositiveInfinity(distance[3]));
        Assert.Equal((3.0 / 4) + (3.0 / 4), distance[1], 12);
        Assert.Equal((3.0 / 4) + (2.0 / 4), distance[2], 12);
        var kept = new CrowdingDistanceSelection().Select(front, 3, d, 0);
        Assert.Equal([3, 0, 1], kept.Select(t => t.Number));
    }
}
