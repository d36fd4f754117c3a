using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Space;

public sealed class ModelBuilderTests
{
    private static readonly ModelConfig Cnn = new() { Family = "cnn", Channels = [4, 6], Hidden = [16], Normalization = "batch", Dropout = 0.2, Activation = "silu" };

    [Theory]
    [InlineData("mlp", "none")]
    [InlineData("mlp", "batch")]
    [InlineData("mlp", "layer")]
    [InlineData("cnn", "batch")]
    [InlineData("cnn", "layer")]
    public void TheNetworkMapsABatchOfSamplesToOneOutputPerClass(string family, string norm)
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
        var net = ModelBuilder.Build(Cnn with { Normalization = "none", Dropout = 0 }, [1, 28, 28], 10, 1);
        // conv(1→4) + conv(4→6) + linear(6·7·7 → 16) + linear(16 → 10), with biases.
        Assert.Equal((4 * 9) + 4 + (6 * 4 * 9) + 6 + (6 * 7 * 7 * 16) + 16 + (16 * 10) + 10, net.ParameterCount);
    }

    [Fact]
    public void BadConfigurationsFailWithTheReason()
    {
        Assert.Contains("image inputs", Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn, [13], 3, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("shrink", Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn with { Channels = [2, 2, 2, 2] }, [1, 8, 8], 3, 1)).Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => ModelBuilder.Build(Cnn with { Activation = "swish" }, [1, 8, 8], 3, 1));
        Assert.Contains("Unknown activation 'swish'; known: relu, leaky_relu, gelu, silu, elu, tanh.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelBuilder.Validate(Cnn with { Dropout = 1 }));
        Assert.Throws<ArgumentException>(() => ModelBuilder.Validate(Cnn with { LearningRate = double.NaN }));
        Assert.Throws<ArgumentException>(() => ModelBuilder.Validate(Cnn with { Channels = [] }));
    }

    [Theory]
    [InlineData("adam", "none")]
    [InlineData("adamw", "weight_decay")]
    [InlineData("sgd", "weight_decay")]
    [InlineData("rmsprop", "l2")]
    public void TheOptimizerCarriesTheLearningRateAndOnlyL1OrL2BecomeAPenalty(string name, string penalty)
    {
        var config = new ModelConfig { Hidden = [4], Optimizer = name, LearningRate = 0.05, Momentum = name == "sgd" ? 0.9 : 0, Penalty = penalty, Regularization = penalty == "none" ? 0 : 0.01, ClipNorm = 1 };
        var net = ModelBuilder.Build(config, [3], 2, 1);
        var optimizer = ModelBuilder.CreateOptimizer(config, net.Parameters());
        Assert.Equal(0.05, optimizer.LearningRate, 12);
        Assert.Equal(penalty is "l1" or "l2", ModelBuilder.CreatePenalty(config, net) is not null);
    }

    [Fact]
    public void PenaltiesReachDenseAndConvolutionWeightsOnly()
    {
        // Layer norm over [c, h, w] has three-dimensional parameters: they are still not weights to shrink.
        var config = Cnn with { Normalization = "layer", Penalty = "l2", Regularization = 0.1 };
        var net = ModelBuilder.Build(config, [1, 8, 8], 10, 1);
        var penalty = ModelBuilder.CreatePenalty(config, net)!;
        var penalized = net.Parameters().Where(penalty.AppliesTo).Select(p => p.Name).ToList();
        Assert.Equal(["0.weight", "4.weight", "9.weight", "13.weight"], penalized);
    }

    [Fact]
    public void SchedulesSpanTheWholeRun()
    {
        var config = new ModelConfig { LearningRate = 0.1, Schedule = "cosine" };
        var cosine = ModelBuilder.CreateSchedule(config, totalSteps: 100, stepsPerEpoch: 10)!;
        Assert.Equal(0.1, cosine.LearningRateAt(0), 12);
        Assert.Equal(0.05, cosine.LearningRateAt(50), 12);
        Assert.Equal(0.0, cosine.LearningRateAt(100), 12);
        var warm = ModelBuilder.CreateSchedule(config with { Schedule = "warmup_cosine" }, 100, 10)!;
        Assert.True(warm.LearningRateAt(0) < 0.01);
        Assert.Equal(0.1, warm.LearningRateAt(10), 6);
        Assert.Null(ModelBuilder.CreateSchedule(config with { Schedule = "constant" }, 100, 10));
        // One step in all (one batch, one epoch): no room for a warm-up, so plain cosine.
        Assert.Equal(0.1, ModelBuilder.CreateSchedule(config with { Schedule = "warmup_cosine" }, 1, 1)!.LearningRateAt(0), 12);
    }

    [Fact]
    public void TheConfigurationRoundTripsThroughJson()
    {
        var config = Cnn with { Optimizer = "sgd", Momentum = 0.9, Penalty = "l1", Regularization = 1e-5, ClipNorm = 5, Schedule = "cosine", Epochs = 7 };
        var back = ModelConfig.FromJson(config.ToJson());
        Assert.Equal(config.ToJson(), back.ToJson());
        Assert.Equal([4, 6], back.Channels);
        Assert.Contains("\"batch_size\":64", config.ToJson(), StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ModelConfig.FromJson("{\"family\": 3"));
    }
}
