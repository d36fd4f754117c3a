namespace Astrolabe.Tests.Samplers;

public sealed class RandomSamplerTests
{
    [Fact]
    public void LogScaleSpreadsSamplesEvenlyOverDecades()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        study.Optimize(t => t.SuggestFloat("lr", 1e-6, 1, log: true), nTrials: 600);
        int below = study.Trials.Count(t => (double)t.Params["lr"]! < 1e-3);
        Assert.InRange(below, 240, 360); // half the decades lie below 1e-3
    }

    [Fact]
    public void ReseedRestartsTheSequence()
    {
        var sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 });
        var a = Study.Create(new StudyOptions { Sampler = sampler });
        a.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 3);
        sampler.Reseed(3);
        var b = Study.Create(new StudyOptions { Sampler = sampler });
        b.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 3);
        Assert.Equal(a.Trials.Select(t => t.Params["x"]), b.Trials.Select(t => t.Params["x"]));
    }
}
