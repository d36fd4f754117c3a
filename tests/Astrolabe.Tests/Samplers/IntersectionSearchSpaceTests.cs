namespace Astrolabe.Tests.Samplers;

public sealed class IntersectionSearchSpaceTests
{
    private static readonly FloatDistribution Unit = new(0, 1);

    private static FrozenTrial T(long id, params (string Name, Distribution Distribution)[] parameters) => new()
    {
        TrialId = id,
        Distributions = parameters.ToDictionary(p => p.Name, p => p.Distribution),
    };

    [Fact]
    public void KeepsTheParametersEveryTrialHasWithOneDistribution()
    {
        var space = new IntersectionSearchSpace();
        Assert.Null(space.Space);

        space.Update([T(1, ("x", Unit), ("y", Unit), ("z", Unit)), T(2, ("x", Unit), ("y", new FloatDistribution(0, 2)))]);

        Assert.Equal(["x"], space.Space!.Keys);
        Assert.Equal(2, space.Count);
    }

    [Fact]
    public void TakesEachTrialInOnceAndForgetsOnClear()
    {
        var space = new IntersectionSearchSpace();
        var first = T(1, ("x", Unit), ("y", Unit));
        Assert.True(space.Add(first));
        Assert.False(space.Add(first));
        space.Update([first, T(2, ("x", Unit))]);
        Assert.Equal(["x"], space.Space!.Keys);
        Assert.Equal(2, space.Count);

        space.Clear();
        Assert.Null(space.Space);
        space.Add(first);
        Assert.Equal(["x", "y"], space.Space!.Keys);
    }
}
