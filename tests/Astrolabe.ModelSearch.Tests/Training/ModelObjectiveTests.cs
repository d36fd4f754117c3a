using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch.Tests.Training;

public sealed class ModelObjectiveTests
{
    private static readonly SearchTask Digits = BuiltInTasks.Load("digits");

    [Theory]
    [InlineData("mlp", OptimizerKind.Adam, PenaltyKind.None, ScheduleKind.Constant)]
    [InlineData("mlp", OptimizerKind.Sgd, PenaltyKind.L2, ScheduleKind.Cosine)]
    [InlineData("mlp", OptimizerKind.RmsProp, PenaltyKind.L1, ScheduleKind.WarmupCosine)]
    [InlineData("cnn", OptimizerKind.AdamW, PenaltyKind.WeightDecay, ScheduleKind.Cosine)]
    public void EveryRecipeLearnsTheDigits(string family, OptimizerKind optimizer, PenaltyKind penalty, ScheduleKind schedule)
    {
        var config = new ModelConfig
        {
            Family = ModelFamilies.Get(family), Channels = family == "cnn" ? [8] : [], Hidden = [64], Optimizer = optimizer, Momentum = optimizer == OptimizerKind.Sgd ? 0.9 : 0,
            LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 2e-3, Penalty = penalty, Regularization = penalty == PenaltyKind.None ? 0 : 1e-5, Schedule = schedule,
            BatchSize = 32, Epochs = 6, Normalization = NormalizationKind.Batch, ClipNorm = 5,
        };
        var scores = new List<double>();
        var model = ModelTraining.Fit(config, Digits, Digits.Train, Digits.Validation, seed: 2, (_, s) => scores.Add(s));
        Assert.Equal(6, scores.Count);
        Assert.True(scores[^1] > 0.9, $"validation accuracy {scores[^1]:P1}");
        Assert.Equal(scores[^1], model.ValidationScore);
        Assert.Equal(scores[^1], model.Score(Digits.Validation), 10);
    }

    [Fact]
    public void TheObjectiveRecordsTheModelReportsEachEpochAndReturnsTheLastScore()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 4 }) });
        var space = new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Mlp], MinEpochs = 2, MaxEpochs = 2, Optimizers = [OptimizerKind.Adam], MinLearningRate = 1e-3, MaxLearningRate = 3e-3 });
        var objective = new ModelObjective(Digits, space, seed: 5);
        study.Optimize(t => objective.Evaluate(t), nTrials: 2);
        foreach (var t in study.Trials)
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal([1L, 2L], t.IntermediateValues.Keys.Order());
            Assert.Equal(t.IntermediateValues[2], t.Value);
            var config = ModelObjective.ConfigOf(t);
            Assert.Equal(t.Params["lr"], config.LearningRate);
            Assert.True(t.Value > 0.5);

            // At least the two epochs' forward products over the training part (2·rows·in·out per dense layer).
            int[] widths = [Digits.Train.SampleSize, .. config.Hidden, 10];
            long forwardPass = Enumerable.Range(0, widths.Length - 1).Sum(i => 2L * Digits.Train.Count * widths[i] * widths[i + 1]);
            long flops = Convert.ToInt64(t.SystemAttrs[ModelObjective.FlopsAttribute], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(flops, 2 * forwardPass, 20 * forwardPass);
        }
    }

    [Fact]
    public void ThePrunerStopsATrialAfterTheEpochItRejects()
    {
        var study = Study.Create(new StudyOptions
        {
            Direction = StudyDirection.Maximize,
            Pruner = new ThresholdPruner(new ThresholdPrunerOptions { Lower = 0.999 }),
        });
        var objective = new ModelObjective(Digits, new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Mlp], MinEpochs = 5, MaxEpochs = 5 }));
        study.Optimize(t => objective.Evaluate(t), nTrials: 1);
        var trial = study.Trials.Single();
        Assert.Equal(TrialState.Pruned, trial.State);
        Assert.True(Convert.ToInt64(trial.SystemAttrs[ModelObjective.FlopsAttribute], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal([1L], trial.IntermediateValues.Keys);
    }

    [Fact]
    public void EachTrialFinishedOrPrunedEndsWithAFullCollectionUnlessTurnedOff()
    {
        var space = new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Mlp], MinEpochs = 2, MaxEpochs = 2, MaxUnits = 32 });
        var study = Study.Create(new StudyOptions
        {
            Direction = StudyDirection.Maximize,
            Pruner = new ThresholdPruner(new ThresholdPrunerOptions { Lower = 0.999 }),
        });
        int before = GC.CollectionCount(GC.MaxGeneration);
        study.Optimize(t => new ModelObjective(Digits, space).Evaluate(t), nTrials: 3);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Pruned, t.State));

        // At least one full collection per trial (other tests running at the same time may add more).
        Assert.True(GC.CollectionCount(GC.MaxGeneration) - before >= 3, $"{GC.CollectionCount(GC.MaxGeneration) - before} full collections for 3 trials");
        Assert.False(new ModelObjective(Digits, space) { CollectAfterTrial = false }.CollectAfterTrial);
    }

    [Fact]
    public void TheSameSeedAndTrialNumberTrainTheSameModel()
    {
        var config = new ModelConfig { Hidden = [32], Dropout = 0.3, Epochs = 2 };
        double a = ModelTraining.Fit(config, Digits, Digits.Train, Digits.Validation, 9).ValidationScore!.Value;
        double b = ModelTraining.Fit(config, Digits, Digits.Train, Digits.Validation, 9).ValidationScore!.Value;
        Assert.Equal(a, b);
        Assert.Equal(new ModelObjective(Digits, seed: 3).TrialSeed(4), new ModelObjective(Digits, seed: 3).TrialSeed(4));
        Assert.NotEqual(new ModelObjective(Digits, seed: 3).TrialSeed(4), new ModelObjective(Digits, seed: 3).TrialSeed(5));
    }

    [Fact]
    public void ADivergingRecipeFailsWithANonFiniteLoss()
    {
        var config = new ModelConfig { Hidden = [64], Optimizer = OptimizerKind.Sgd, LearningRate = 1e6, Epochs = 3 };
        Assert.Throws<NonFiniteLossException>(() => ModelTraining.Fit(config, Digits, Digits.Train, Digits.Validation, 1));
    }

    [Fact]
    public void TheFinalModelLearnsFromTrainAndValidationAndIsScoredOnTest()
    {
        var config = new ModelConfig { Hidden = [64], Epochs = 5, LearningRate = 3e-3 };
        var (model, test) = ModelTraining.FitFinal(config, Digits, 1);
        Assert.Null(model.ValidationScore);
        Assert.True(test > 0.9, $"test accuracy {test:P1}");
        Assert.Equal(test, model.Score(Digits.Test), 10);
    }

    [Fact]
    public void ATrialWithoutARecordedModelIsReported()
    {
        var study = Study.Create(new StudyOptions());
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 1);
        Assert.Throws<InvalidDataException>(() => ModelObjective.ConfigOf(study.Trials[0]));
    }
}
