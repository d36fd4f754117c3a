namespace Astrolabe.Tests.Samplers;

public sealed class BruteForceSamplerTests
{
    [Fact]
    public void EnumeratesAConditionalSpaceExactlyOnceAndStops()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 1 }) });
        study.Optimize(t =>
        {
            string kind = t.SuggestCategorical("kind", ["a", "b"]);
            return kind == "a" ? t.SuggestInt("x", 0, 2) : t.SuggestCategorical("y", [true, false]) ? 1 : 0;
        }, nTrials: 100);
        var paths = study.Trials.Select(t => string.Join(",", t.Params.Select(p => $"{p.Key}={p.Value}"))).ToList();
        Assert.Equal(5, paths.Count); // a×{0,1,2} + b×{true,false}
        Assert.Equal(5, paths.Distinct().Count());
    }
}
