using System.Text.Json;

namespace Astrolabe.ModelSearch.Tests.Space;

/// <summary>
/// The space's options serialise as the model-search benchmark writes them for its Python peer (snake_case names,
/// every choice by its name); the expected text was written by the options whose choices were plain strings.
/// </summary>
public sealed class ModelSpaceOptionsJsonTests
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void TheDefaultOptionsSerialiseWithTheirNames()
    {
        const string expected = "{\"families\":[\"mlp\",\"cnn\"],\"min_layers\":1,\"max_layers\":3,\"min_units\":32,\"max_units\":256,"
            + "\"min_blocks\":1,\"max_blocks\":2,\"min_channels\":8,\"max_channels\":32,\"activations\":[\"relu\",\"leaky_relu\",\"gelu\",\"silu\",\"tanh\"],"
            + "\"max_dropout\":0.4,\"normalizations\":[\"none\",\"batch\",\"layer\"],\"optimizers\":[\"adam\",\"adamw\",\"sgd\",\"rmsprop\"],"
            + "\"min_learning_rate\":0.0005,\"max_learning_rate\":0.01,\"penalties\":[\"none\",\"weight_decay\",\"l1\",\"l2\"],\"batch_sizes\":[32,64,128],"
            + "\"clip_norms\":[0,1,5],\"schedules\":[\"constant\",\"cosine\",\"warmup_cosine\"],\"min_epochs\":4,\"max_epochs\":9,\"precisions\":[\"fp32\"],\"per_layer_precision\":false}";
        Assert.Equal(expected, JsonSerializer.Serialize(new ModelSpaceOptions(), Snake));
    }
}
