namespace Astrolabe.Tests.Samplers.Auto;

public sealed class AutoSamplerTests
{
    [Theory]
    [InlineData(1, false, 10, 3, 0, false, AutoSamplerChoice.Gp)]
    [InlineData(1, false, 10, 3, 1, false, AutoSamplerChoice.Gp)] // a few categories: the GP's Hamming kernel
    [InlineData(1, false, 10, 2, 2, false, AutoSamplerChoice.Tpe)] // categorical-heavy
    [InlineData(1, false, 10, 3, 0, true, AutoSamplerChoice.Tpe)] // conditional
    [InlineData(2, false, 10, 3, 0, false, AutoSamplerChoice.Gp)] // several objectives, small budget: logEHVI
    [InlineData(1, true, 10, 3, 0, false, AutoSamplerChoice.Gp)]
    [InlineData(1, false, 250, 3, 0, false, AutoSamplerChoice.CmaEs)] // a long continuous run
    [InlineData(1, false, 250, 1, 0, false, AutoSamplerChoice.Tpe)] // CMA-ES needs two numeric parameters
    [InlineData(2, false, 250, 3, 0, false, AutoSamplerChoice.NsgaII)] // several objectives, large budget
    [InlineData(3, true, 250, 2, 1, false, AutoSamplerChoice.NsgaII)] // with constraints too
    [InlineData(2, false, 250, 3, 0, true, AutoSamplerChoice.Tpe)] // conditional still goes to TPE
    [InlineData(1, true, 250, 3, 0, false, AutoSamplerChoice.Tpe)]
    public void TheRulesInOrder(int objectives, bool constrained, int complete, int numeric, int categorical, bool conditional, AutoSamplerChoice expected) =>
        Assert.Equal(expected, AutoSampler.Choose(objectives, constrained, complete, numeric, categorical, conditional, gpBudget: 250));

    [Fact]
    public void ALongContinuousRunGoesFromTheGpToCmaEsStartedAtTheBest()
    {
        var study = Study.Create(new StudyOptions { Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 1, GpBudget = 20 }) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -5, 5) - 4, 2) + Math.Pow(t.SuggestFloat("y", -5, 5) + 4, 2), nTrials: 40);
        var choices = study.Trials.Select(t => (string)t.SystemAttrs[AutoSampler.ChoiceKey]!).ToList();
        Assert.All(choices.Take(20), c => Assert.Equal("gp", c));
        Assert.All(choices.Skip(20), c => Assert.Equal("cmaes", c));

        // CMA-ES starts where the GP left off, (4, −4), not at the centre of the space: its first generation (six
        // points in two dimensions, σ = 1/6 of the range) centres there.
        var firstGeneration = study.Trials.Skip(20).Take(6).ToList();
        Assert.True(firstGeneration.Average(t => (double)t.Params["x"]!) > 2, "x");
        Assert.True(firstGeneration.Average(t => (double)t.Params["y"]!) < -2, "y");
        Assert.True(study.BestValue < 0.01, $"best {study.BestValue}");
    }

    [Fact]
    public void ConditionalAndCategoricalSpacesGoToTpe()
    {
        var study = Study.Create(new StudyOptions { Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 2 }) });
        study.Optimize(t =>
        {
            string model = t.SuggestCategorical("model", ["a", "b"]);
            return model == "a" ? t.SuggestFloat("x", 0, 1) : t.SuggestInt("n", 0, 4);
        }, nTrials: 12);
        Assert.Equal("tpe", study.Trials[^1].SystemAttrs[AutoSampler.ChoiceKey]);
    }

    [Fact]
    public void ConstraintsReachTheChosenSampler()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 3, ConstraintsFunc = t => [(double)t.Params["x"]! - 0.5] }),
        });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestFloat("y", 0, 1), nTrials: 14);
        Assert.All(study.Trials, t => Assert.True(t.SystemAttrs.ContainsKey("constraints")));
    }

    [Fact]
    public void ANegativeBudgetIsRefused() =>
        Assert.Contains("GpBudget", Assert.Throws<ArgumentException>(() => new AutoSampler(new AutoSamplerOptions { GpBudget = -1 })).Message);

    [Fact]
    public void ALongMultiObjectiveRunGoesFromTheGpToNsgaII()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 4, GpBudget = 6, ConstraintsFunc = t => [(double)t.Params["x"]! - 0.9] }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1), y = t.SuggestFloat("y", 0, 1);
            return [x + y, 1 - x + y];
        }, nTrials: 12);
        var choices = study.Trials.Select(t => (string)t.SystemAttrs[AutoSampler.ChoiceKey]!).ToList();
        Assert.All(choices.Take(6), c => Assert.Equal("gp", c));
        Assert.All(choices.Skip(6), c => Assert.Equal("nsga2", c));

        // NSGA-II took the trials it chose from their start: its generation 0 begins at the first of them.
        Assert.All(study.Trials.Skip(6), t => Assert.Equal(0, Convert.ToInt32(t.SystemAttrs[NsgaIISampler.GenerationKey], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(study.Trials, t => Assert.True(t.SystemAttrs.ContainsKey("constraints")));
    }
}
