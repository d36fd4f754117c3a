namespace Astrolabe.Tests.Samplers;

public sealed class GridSamplerTests
{
    private static GridSampler Grid(int? seed = null) => new(new GridSamplerOptions
    {
        Seed = seed,
        SearchSpace = new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [1, 2, 3], ["y"] = ["a", "b"] },
    });

    [Fact]
    public void VisitsEveryPointOnceThenStops()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(seed: 1) });
        study.Optimize(t => t.SuggestInt("x", 1, 3) + t.SuggestCategorical("y", ["a", "b"]).Length, nTrials: 50);
        var points = study.Trials.Select(t => $"{t.Params["x"]}{t.Params["y"]}").ToList();
        Assert.Equal(6, points.Count);
        Assert.Equal(6, points.Distinct().Count());
    }

    [Fact]
    public async Task ParallelWorkersNeverRepeatAPoint()
    {
        var sampler = new GridSampler(new GridSamplerOptions
        {
            Distributions = new Dictionary<string, Distribution> { ["x"] = new IntDistribution(0, 9), ["y"] = new FloatDistribution(0, 1, step: 0.25) },
        });
        Assert.Equal(50, sampler.GridSize);
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        await study.OptimizeAsync(
            async (t, ct) =>
            {
                await Task.Delay(1, ct);
                return t.SuggestInt("x", 0, 9) + t.SuggestFloat("y", 0, 1, step: 0.25);
            },
            new OptimizeOptions { Parallelism = 6 });
        var points = study.Trials.Select(t => $"{t.Params["x"]}/{t.Params["y"]}").ToList();
        Assert.Equal(50, points.Count);
        Assert.Equal(50, points.Distinct().Count());
    }

    [Fact]
    public void AskAfterExhaustionSaysSo()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid() });
        for (int i = 0; i < 6; i++)
        {
            var t = study.Ask();
            study.Tell(t, t.SuggestInt("x", 1, 3));
        }

        var e = Assert.Throws<SamplerExhaustedException>(() => study.Ask());
        Assert.Contains("no point left", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutASeedPointsComeInRowMajorOrder()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid() });
        study.Optimize(t => t.SuggestInt("x", 1, 3) + t.SuggestCategorical("y", ["a", "b"]).Length);
        Assert.Equal(["1a", "1b", "2a", "2b", "3a", "3b"], study.Trials.Select(t => $"{t.Params["x"]}{t.Params["y"]}"));
    }

    [Fact]
    public void AParameterOutsideTheGridIsAClearError()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid() });
        var e = Assert.Throws<ArgumentException>(() => study.Optimize(t => t.SuggestFloat("z", 0, 1), nTrials: 1));
        Assert.Contains("'z' is not in the grid (grid parameters: x, y)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGridValueOutsideTheDistributionIsAClearError()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid() });
        var e = Assert.Throws<ArgumentException>(() => study.Optimize(t => t.SuggestInt("x", 1, 2), nTrials: 6));
        Assert.Contains("grid value 3 of parameter 'x' lies outside IntDistribution(low=1, high=2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidGridsAreRejected()
    {
        Assert.Contains("is empty", Assert.Throws<ArgumentException>(() => new GridSampler(new GridSamplerOptions
        {
            SearchSpace = new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [] },
        })).Message, StringComparison.Ordinal);
        Assert.Contains("continuous distribution", Assert.Throws<ArgumentException>(() => new GridSampler(new GridSamplerOptions
        {
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) },
        })).Message, StringComparison.Ordinal);
        Assert.Contains("needs SearchSpace or Distributions", Assert.Throws<ArgumentException>(() => new GridSampler(new GridSamplerOptions())).Message, StringComparison.Ordinal);
    }
}
