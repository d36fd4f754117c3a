using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Space;

public sealed class ModelBuilderTests
{
    private static readonly ModelConfig Cnn = new() { Family = ModelFamilies.Cnn, Channels = [4, 6], Hidden = [16], Normalization = NormalizationKind.Batch, Dropout = 0.2, Activation = ActivationKind.Silu };

    [Theory]
    [InlineData("mlp", NormalizationKind.None)]
    [InlineData("mlp", NormalizationKind.Batch)]
    [InlineData("mlp", NormalizationKind.Layer)]
    [InlineData("cnn", NormalizationKind.Batch)]
    [InlineData("cnn", NormalizationKind.Layer)]
    public void TheNetworkMapsABatchOfSamplesToOneOutputPerClass(string family, NormalizationKind norm)
    {
        var config = (family == "cnn" ? Cnn : new ModelConfig { Hidden = [12, 7] }) with { Normalization = norm };
        var net = ModelBuilder.Build(config, [1, 8, 8], outputs: 10, seed: 3);
        var y = net.Forward(Tensor.Zeros(5, 1, 8, 8));
        Assert.Equal([5, 10], y.Shape);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedOthers()
    {
        float[] Weights(long seed) => [.. ModelBuilder.Build(Cnn, [1, 8, 8], 10, seed).NamedParameters().SelectMany(p => p.Tensor.Data)];
        Assert.Equal(Weights(7), Weights(7));
        Assert.NotEqual(Weights(7), Weights(8));
    }

    [Fact]
    public void ConvolutionsKeepTheImageSizeAndPoolingHalvesIt()
    {
        var net = ModelBuilder.Build(Cnn with { Normalization = NormalizationKind.None, Dropout = 0 }, [1, 28, 28], 10, 1);
        // conv(1→4) + conv(4→6) + linear(6·7·7 → 16) + linear(16 → 10), with biases.
        Assert.Equal((4 * 9) + 4 + (6 * 4 * 9) + 6 + (6 * 7 * 7 * 16) + 16 + (16 * 10) + 10, net.ParameterCount);
    }

    [Fact]
    public void BadConfigurationsFailWithTheReason()
    {
        Assert.Contains("image inputs", Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn, [13], 3, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("shrink", Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn with { Channels = [2, 2, 2, 2] }, [1, 8, 8], 3, 1)).Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn with { Activation = (ActivationKind)17 }, [1, 8, 8], 3, 1));
        Assert.Equal("Unknown activation 17; known: relu, leaky_relu, gelu, silu, elu, tanh.", e.Message);
        Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn with { Dropout = 1 }, [1, 8, 8], 3, 1));
        Assert.Throws<ArgumentException>(() => (Cnn with { LearningRate = double.NaN }).Validate());
        Assert.Throws<ArgumentException>(() => (Cnn with { Hidden = [0] }).Validate());
        Assert.Equal("A CNN needs at least one convolution block (channels is empty).", Assert.Throws<ArgumentException>(() => (Cnn with { Channels = [] }).Validate()).Message);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, PenaltyKind.None)]
    [InlineData(OptimizerKind.AdamW, PenaltyKind.WeightDecay)]
    [InlineData(OptimizerKind.Sgd, PenaltyKind.WeightDecay)]
    [InlineData(OptimizerKind.RmsProp, PenaltyKind.L2)]
    [InlineData(OptimizerKind.Adam, PenaltyKind.L1)]
    public void TheOptimizerCarriesTheLearningRateAndOnlyL1OrL2BecomeAPenalty(OptimizerKind name, PenaltyKind penalty)
    {
        var config = new ModelConfig { Hidden = [4], Optimizer = name, LearningRate = 0.05, Momentum = name == OptimizerKind.Sgd ? 0.9 : 0, Penalty = penalty, Regularization = penalty == PenaltyKind.None ? 0 : 0.01, ClipNorm = 1 };
        var net = ModelBuilder.Build(config, [3], 2, 1);
        var optimizer = ModelBuilder.CreateOptimizer(config, net.Parameters());
        Assert.Equal(0.05, optimizer.LearningRate, 12);
        Assert.Equal(penalty is PenaltyKind.L1 or PenaltyKind.L2, ModelBuilder.CreatePenalty(config, net) is not null);
    }

    [Fact]
    public void PenaltiesReachDenseAndConvolutionWeightsOnly()
    {
        // Layer norm over [c, h, w] has three-dimensional parameters: they are still not weights to shrink.
        var config = Cnn with { Normalization = NormalizationKind.Layer, Penalty = PenaltyKind.L2, Regularization = 0.1 };
        var net = ModelBuilder.Build(config, [1, 8, 8], 10, 1);
        var penalty = ModelBuilder.CreatePenalty(config, net)!;
        var penalized = net.Parameters().Where(penalty.AppliesTo).Select(p => p.Name).ToList();
        Assert.Equal(["0.weight", "4.weight", "9.weight", "13.weight"], penalized);
    }

    [Fact]
    public void SchedulesSpanTheWholeRun()
    {
        var config = new ModelConfig { LearningRate = 0.1, Schedule = ScheduleKind.Cosine };
        var cosine = ModelBuilder.CreateSchedule(config, totalSteps: 100, stepsPerEpoch: 10)!;
        Assert.Equal(0.1, cosine.LearningRateAt(0), 12);
        Assert.Equal(0.05, cosine.LearningRateAt(50), 12);
        Assert.Equal(0.0, cosine.LearningRateAt(100), 12);
        var warm = ModelBuilder.CreateSchedule(config with { Schedule = ScheduleKind.WarmupCosine }, 100, 10)!;
        Assert.True(warm.LearningRateAt(0) < 0.01);
        Assert.Equal(0.1, warm.LearningRateAt(10), 6);
        Assert.Null(ModelBuilder.CreateSchedule(config with { Schedule = ScheduleKind.Constant }, 100, 10));
        // One step in all (one batch, one epoch): no room for a warm-up, so plain cosine.
        Assert.Equal(0.1, ModelBuilder.CreateSchedule(config with { Schedule = ScheduleKind.WarmupCosine }, 1, 1)!.LearningRateAt(0), 12);
    }

    [Fact]
    public void TheConfigurationRoundTripsThroughJson()
    {
        var config = Cnn with { Optimizer = OptimizerKind.Sgd, Momentum = 0.9, Penalty = PenaltyKind.L1, Regularization = 1e-5, ClipNorm = 5, Schedule = ScheduleKind.Cosine, Epochs = 7 };
        var back = ModelConfig.FromJson(config.ToJson());
        Assert.Equal(config.ToJson(), back.ToJson());
        Assert.Equal([4, 6], back.Channels);
        Assert.Contains("\"batch_size\":64", config.ToJson(), StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ModelConfig.FromJson("{\"family\": 3"));
    }
}
