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

    [Theory]
    [InlineData("uniform")]
    [InlineData("blxalpha")]
    [InlineData("sbx")]
    [InlineData("vsbx")]
    [InlineData("undx")]
    [InlineData("spx")]
    public void TheGeneticSamplersAreNamedNsga2AndNsga3WithEveryCrossover(string crossover)
    {
        var nsga2 = Components.CreateSampler(Spec("nsga2", ("seed", 5L), ("population_size", 3L), ("crossover", crossover), ("mutation_prob", 0.1), ("crossover_prob", 1L), ("swapping_prob", 0.3)), "space.yaml");
        Assert.IsType<NsgaIISampler>(nsga2);
        Assert.All(Draws(nsga2), x => Assert.InRange(x, 0, 1));
        var nsga3 = Components.CreateSampler(Spec("nsga3", ("seed", 5L), ("population_size", 3L), ("crossover", crossover), ("dividing_parameter", 2L)), "space.yaml");
        Assert.IsType<NsgaIIISampler>(nsga3);
        Assert.All(Draws(nsga3), x => Assert.InRange(x, 0, 1));
    }

    [Fact]
    public void TheNsga2OptionsReachTheSampler()
    {
        var fromFile = Components.CreateSampler(Spec("nsga2", ("seed", 6L), ("population_size", 2L), ("crossover", "sbx")), "space.yaml");
        var direct = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 6, PopulationSize = 2, Crossover = new SbxCrossover() });
        Assert.Equal(Draws(direct), Draws(fromFile));
    }

    [Fact]
    public void AnUnknownCrossoverOrABadProbabilityIsReportedWithItsLine()
    {
        var e = Assert.Throws<SpaceFileException>(() => Components.CreateSampler(Spec("nsga2", ("crossover", "blend")), "space.yaml"));
        Assert.Equal("space.yaml:2: field 'sampler': option 'crossover': expected uniform, blxalpha, sbx, vsbx, undx or spx, got 'blend'.", e.Message);
        var bad = Assert.Throws<SpaceFileException>(() => Components.CreateSampler(Spec("nsga3", ("crossover_prob", 2L)), "space.yaml"));
        Assert.Contains("CrossoverProbability must be a probability in [0, 1]", bad.Message);
        var small = Assert.Throws<SpaceFileException>(() => Components.CreateSampler(Spec("nsga2", ("population_size", 1L)), "space.yaml"));
        Assert.Contains("PopulationSize must be at least 2", small.Message);
    }
}
