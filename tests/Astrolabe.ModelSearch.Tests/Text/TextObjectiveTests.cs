namespace Astrolabe.ModelSearch.Tests.Text;

public sealed class TextObjectiveTests
{
    private static readonly TextTask Task = SyntheticText.Task();

    private static readonly TextSpace Space = new(new TextSpaceOptions
    {
        Families = [TextFamilyKind.Bag, TextFamilyKind.Gru], MaxEmbeddingDim = 16, MaxUnits = 32, BigramBuckets = [0, 500], MinEpochs = 2, MaxEpochs = 3,
    });

    private static Study Run(int seed, Pruner? pruner = null)
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 11 }), Pruner = pruner });
        var objective = new TextObjective(Task, Space, seed);
        study.Optimize(t => objective.Evaluate(t), nTrials: 3);
        return study;
    }

    [Fact]
    public void TheObjectiveRecordsTheModelReportsEachEpochAndReturnsTheLastAccuracy()
    {
        var study = Run(seed: 2);
        foreach (var t in study.Trials)
        {
            Assert.Equal(TrialState.Complete, t.State);
            var config = TextObjective.ConfigOf(t);
            Assert.Equal(Enumerable.Range(1, config.Epochs).Select(e => (long)e), t.IntermediateValues.Keys.Order());
            Assert.Equal(t.IntermediateValues[config.Epochs], t.Value);
            Assert.Equal(t.Params["lr"], config.LearningRate);
            Assert.True(t.SystemAttrs.ContainsKey(ModelObjective.FlopsAttribute));
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrials()
    {
        var a = Run(seed: 4).Trials;
        var b = Run(seed: 4).Trials;
        Assert.Equal(a.Select(t => t.IntermediateValues.Values.ToArray()), b.Select(t => t.IntermediateValues.Values.ToArray()));
    }

    [Fact]
    public void ThePrunerStopsATrialAfterTheEpochItRejects()
    {
        var study = Run(seed: 1, new ThresholdPruner(new ThresholdPrunerOptions { Lower = 1.01 }));
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Equal([1L], t.IntermediateValues.Keys);
        });
    }

    [Fact]
    public void ATrialOfAnotherSearchHasNoTextModel()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 1);
        var e = Assert.Throws<InvalidDataException>(() => TextObjective.ConfigOf(study.Trials[0]));
        Assert.Contains("not run by a text-model search", e.Message, StringComparison.Ordinal);
    }
}
