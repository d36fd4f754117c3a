namespace Astrolabe.ModelSearch.Tests.Space;

/// <summary>The JSON of a configuration is the boundary where names become values: a bad name is one message naming it and the known ones.</summary>
public sealed class ModelConfigJsonTests
{
    private const string Valid = "{\"family\":\"mlp\",\"hidden\":[5],\"channels\":[],\"activation\":\"leaky_relu\",\"dropout\":0.1,\"normalization\":\"layer\",\"optimizer\":\"adamw\",\"learning_rate\":0.001,\"momentum\":0,\"penalty\":\"l2\",\"regularization\":0.0001,\"batch_size\":32,\"clip_norm\":1,\"schedule\":\"warmup_cosine\",\"epochs\":1}";

    [Theory]
    [InlineData("\"family\":\"mlp\"", "\"family\":\"capsnet\"", "Unknown family 'capsnet'; known: mlp, cnn, resnet")]
    [InlineData("\"activation\":\"leaky_relu\"", "\"activation\":\"swish\"", "Unknown activation 'swish'; known: relu, leaky_relu, gelu, silu, elu, tanh.")]
    [InlineData("\"normalization\":\"layer\"", "\"normalization\":\"group\"", "Unknown normalization 'group'; known: none, batch, layer.")]
    [InlineData("\"optimizer\":\"adamw\"", "\"optimizer\":\"AdamW\"", "Unknown optimizer 'AdamW'; known: adam, adamw, sgd, rmsprop.")]
    [InlineData("\"penalty\":\"l2\"", "\"penalty\":\"l3\"", "Unknown penalty 'l3'; known: none, weight_decay, l1, l2.")]
    [InlineData("\"schedule\":\"warmup_cosine\"", "\"schedule\":\"step\"", "Unknown schedule 'step'; known: constant, cosine, warmup_cosine.")]
    [InlineData("\"activation\":\"leaky_relu\"", "\"activation\":2", "Unknown activation '2'; known: relu, leaky_relu, gelu, silu, elu, tanh.")]
    [InlineData("\"family\":\"mlp\"", "\"family\":null", "Unknown family 'null'; known: mlp, cnn")]
    public void ABadNameIsOneMessageWithTheKnownNames(string good, string bad, string message)
    {
        Assert.Contains(good, Valid, StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => ModelConfig.FromJson(Valid.Replace(good, bad, StringComparison.Ordinal)));
        Assert.StartsWith("Not a model configuration: " + message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Path:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesAreWrittenAsBeforeAndReadBackAsTheirValues()
    {
        var config = ModelConfig.FromJson(Valid);
        Assert.Same(ModelFamilies.Mlp, config.Family);
        Assert.Equal(ActivationKind.LeakyRelu, config.Activation);
        Assert.Equal(NormalizationKind.Layer, config.Normalization);
        Assert.Equal(OptimizerKind.AdamW, config.Optimizer);
        Assert.Equal(PenaltyKind.L2, config.Penalty);
        Assert.Equal(ScheduleKind.WarmupCosine, config.Schedule);
        Assert.Equal(Valid, config.ToJson());
        Assert.Equal("mlp [5] leaky_relu, layer norm, dropout 0.1; adamw lr 0.001, l2 0.0001, clip 1, batch 32, warmup_cosine, 1 epochs", config.Describe());
    }

    [Fact]
    public void AConfigurationWithoutNamesTakesTheDefaults()
    {
        var config = ModelConfig.FromJson("{\"hidden\":[3]}");
        Assert.Equal(new ModelConfig { Hidden = config.Hidden }, config);
        Assert.Equal("{\"family\":\"mlp\",\"hidden\":[3],\"channels\":[],\"activation\":\"relu\",\"dropout\":0,\"normalization\":\"none\",\"optimizer\":\"adam\",\"learning_rate\":0.001,\"momentum\":0,\"penalty\":\"none\",\"regularization\":0,\"batch_size\":64,\"clip_norm\":0,\"schedule\":\"constant\",\"epochs\":10}", config.ToJson());
    }
}
