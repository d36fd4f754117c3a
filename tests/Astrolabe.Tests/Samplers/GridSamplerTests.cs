namespace Astrolabe.Tests.Samplers;

public class GridSamplerContractTests : SamplerContractTests
{
    protected override bool FiniteOnly => true;

    protected override Sampler CreateSampler(int seed) => new GridSampler(new GridSamplerOptions
    {
        Seed = seed,
        SearchSpace = new Dictionary<string, IReadOnlyList<object?>>
        {
            ["a"] = [-2.0, 0.5, 3.0],
            ["b"] = [0.0, 1.0],
            ["c"] = [0.0, 0.25, 1.0],
            ["n"] = [3, 9, 15],
            ["m"] = [1, 64],
            ["k"] = ["x", "z"],
            ["q"] = [1, 4],
            ["h"] = [0.5, 1.5],
            ["i"] = [0, 3, 7],
            ["f"] = [0.5, 2.0],
            ["model"] = ["mlp", "cnn"],
            ["layers"] = [1, 4],
            ["channels"] = [8, 32],
            ["pool"] = ["max"],
            ["x"] = [0, 4, 6, 9],
        },
    });
}

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
