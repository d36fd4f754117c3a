using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Tests.BlackBox;

public sealed class ComponentsTests
{
    private static ComponentSpec Spec(string type, params (string Name, object? Value)[] options) =>
        new(type, options.ToDictionary(o => o.Name, o => new ScalarValue(o.Value, 2)), 1);

    private static List<double> Draws(Sampler sampler)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestFloat("y", 0, 1), nTrials: 6);
        return [.. study.Trials.SelectMany(t => new[] { (double)t.Params["x"]!, (double)t.Params["y"]! })];
    }

    [Theory]
    [InlineData("sobol", QmcSequence.Sobol)]
    [InlineData("halton", QmcSequence.Halton)]
    public void TheQmcTypeSpellingSelectsItsSequence(string spelling, QmcSequence sequence)
    {
        var fromFile = Components.CreateSampler(Spec("qmc", ("qmc_type", spelling), ("seed", 3L)), "space.yaml");
        var direct = new QmcSampler(new QmcSamplerOptions { QmcType = sequence, Seed = 3 });
        Assert.Equal(Draws(direct), Draws(fromFile));
    }

    [Theory]
    [InlineData("ipop")]
    [InlineData("bipop")]
    public void EveryRestartStrategySpellingIsAccepted(string spelling) =>
        Assert.IsType<CmaEsSampler>(Components.CreateSampler(Spec("cmaes", ("restart_strategy", spelling)), "space.yaml"));

    [Fact]
    public void ANamedOptionGivenAsANumberIsReportedWithItsLineAndTheNames()
    {
        var e = Assert.Throws<SpaceFileException>(() => Components.CreateSampler(Spec("qmc", ("qmc_type", 3L)), "space.yaml"));
        Assert.Equal("space.yaml:2: field 'sampler': option 'qmc_type': expected sobol or halton, got '3'.", e.Message);
    }

    [Fact]
    public void TheGpAndAutoSamplersAreNamedGpAndAuto()
    {
        var gp = Components.CreateSampler(Spec("gp", ("seed", 4L), ("n_startup_trials", 3L), ("deterministic_objective", true)), "space.yaml");
        var direct = new GpSampler(new GpSamplerOptions { Seed = 4, NStartupTrials = 3, DeterministicObjective = true });
        Assert.Equal(Draws(direct), Draws(gp));
        Assert.IsType<AutoSampler>(Components.CreateSampler(Spec("auto", ("seed", 1L), ("gp_budget", 100L)), "space.yaml"));
    }

    [Fact]
    public void AnInvalidGpOptionIsReportedWithItsLine()
    {
        var e = Assert.Throws<SpaceFileException>(() => Components.CreateSampler(Spec("gp", ("n_local_search", -1L)), "space.yaml"));
        Assert.Contains("space.yaml", e.Message);
        Assert.Contains("NLocalSearch", e.Message);
    }
}
