namespace Astrolabe.ModelSearch.Tests.Recommendation;

/// <summary>The objective reports the validation RMSE every epoch, is pruned by the pruner and is deterministic per seed.</summary>
public sealed class RecommenderObjectiveTests
{
    private static readonly RatingsTask Task = LowRankRatings.Create();

    private static readonly RecommenderSpace Space = new(new RecommenderSpaceOptions { Factors = [2, 4], HiddenWidths = [8], MinEpochs = 2, MaxEpochs = 3 });

    private static Study Run(int trials, Pruner? pruner = null)
    {
        var study = Study.Create(new StudyOptions { Direction = RatingsTask.Direction, Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 4 }), Pruner = pruner ?? new NopPruner() });
        var objective = new RecommenderObjective(Task, Space, seed: 2);
        study.Optimize(t => objective.Evaluate(t), nTrials: trials);
        return study;
    }

    [Fact]
    public void EachTrialReportsEveryEpochAndReturnsTheLast()
    {
        var study = Run(4);
        foreach (var trial in study.Trials)
        {
            var config = RecommenderObjective.ConfigOf(trial);
            Assert.Equal(config.Epochs, trial.IntermediateValues.Count);
            Assert.Equal(trial.IntermediateValues[config.Epochs], trial.Value);
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameStudy()
    {
        var a = Run(3).Trials.Select(t => t.Value).ToList();
        var b = Run(3).Trials.Select(t => t.Value).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void APrunerStopsATrialAfterAnEpoch()
    {
        var study = Run(6, new ThresholdPruner(new ThresholdPrunerOptions { Upper = 0.01 }));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Pruned, t.State));
        Assert.All(study.Trials, t => Assert.Single(t.IntermediateValues));
    }

    [Fact]
    public void ATrialWithoutAConfigurationIsNamed()
    {
        var study = Study.Create(new StudyOptions());
        study.Optimize(_ => 1.0, nTrials: 1);
        Assert.Contains("not run by a recommendation search", Assert.Throws<InvalidDataException>(() => RecommenderObjective.ConfigOf(study.Trials[0])).Message, StringComparison.Ordinal);
    }
}
