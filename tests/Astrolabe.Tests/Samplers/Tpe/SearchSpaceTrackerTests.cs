namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class SearchSpaceTrackerTests
{
    private static FrozenTrial T(long id, params string[] names) => new()
    {
        TrialId = id,
        Distributions = names.ToDictionary(n => n, Distribution (_) => new FloatDistribution(0, 1)),
    };

    [Fact]
    public void GroupsSplitParametersThatDoNotAlwaysAppearTogether()
    {
        var tracker = new SearchSpaceTracker();
        tracker.Update([T(1, "model", "a", "b"), T(2, "model", "c")]);
        var groups = tracker.Groups.Select(g => string.Join(",", g.Keys.Order())).Order().ToList();
        Assert.Equal(["a,b", "c", "model"], groups);
        Assert.Equal(["model"], tracker.Intersection.Keys);
    }

    [Fact]
    public void ADistributionThatChangesLeavesTheIntersectionAndEachTrialIsReadOnce()
    {
        var tracker = new SearchSpaceTracker();
        tracker.Update([T(1, "x", "y")]);
        var changed = new FrozenTrial { TrialId = 2, Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 2), ["y"] = new FloatDistribution(0, 1) } };
        tracker.Update([T(1, "x", "y"), changed]);
        Assert.Equal(["y"], tracker.Intersection.Keys);
        tracker.Update([T(1, "x", "y"), changed]);
        Assert.Equal(["y"], tracker.Intersection.Keys);
    }
}
