namespace Astrolabe.Nn.Tests.Layers.Recurrent;

public class RecurrentErrorTests
{
    private static readonly Lstm s_lstm = new(3, 4, numLayers: 2, rng: new Rng(1)) { Name = "encoder" };
    private static readonly Gru s_gru = new(3, 4, bidirectional: true, rng: new Rng(2)) { Name = "decoder" };

    public static TheoryData<string, int[], int[]?, string> BadInputs() => new()
    {
        { "rank", [2, 3], null, "expected a batch-first input [batch, time, features], got [2, 3]" },
        { "features", [2, 5, 4], null, "input has 4 features per step, the layer expects 3" },
        { "empty batch", [0, 5, 3], null, "empty batch" },
        { "no steps", [2, 0, 3], null, "empty sequences" },
        { "count", [2, 5, 3], [5], "1 lengths for a batch of 2 sequences" },
        { "zero", [2, 5, 3], [5, 0], "lengths[1] = 0: every sequence needs at least one step" },
        { "negative", [2, 5, 3], [-1, 2], "lengths[0] = -1" },
        { "too long", [2, 5, 3], [6, 2], "lengths[0] = 6 is longer than the input's 5 time steps" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_a_clear_error_naming_the_layer(string what, int[] shape, int[]? lengths, string message)
    {
        foreach (RecurrentLayer layer in new RecurrentLayer[] { s_lstm, s_gru })
        {
            var e = Assert.Throws<ArgumentException>(() => RecurrentLayerTests.Run(layer, Tensor.Zeros(shape), lengths));
            Assert.Contains(layer.Name + ":", e.Message, StringComparison.Ordinal);
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(what));
        }
    }

    [Fact]
    public void Initial_states_of_the_wrong_shape_are_clear_errors()
    {
        var x = Tensor.Zeros(2, 5, 3);
        var e = Assert.Throws<ArgumentException>(() => s_lstm.Forward(x, null, h0: Tensor.Zeros(1, 2, 4)));
        Assert.Contains("encoder: h0 must be [2, 2, 4], got [1, 2, 4]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => s_lstm.Forward(x, null, c0: Tensor.Zeros(2, 3, 4)));
        Assert.Contains("encoder: c0 must be [2, 2, 4], got [2, 3, 4]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => s_gru.Forward(x, null, h0: Tensor.Zeros(1, 2, 4)));
        Assert.Contains("decoder: h0 must be [2, 2, 4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_do_not_fit_are_clear_errors()
    {
        var x = Tensor.Zeros(2, 5, 3);
        var e = Assert.Throws<ArgumentException>(() => Functional.Lstm(x, [Tensor.Zeros(16, 3)]));
        Assert.Contains("LSTM: 1 weight tensors", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Functional.Gru(x, [Tensor.Zeros(12, 3), Tensor.Zeros(12, 5)]));
        Assert.Contains("GRU: weight_hh_l0 must be [3·hidden, hidden], got [12, 5]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Functional.Gru(x, [Tensor.Zeros(12, 3), Tensor.Zeros(12, 4), Tensor.Zeros(12), Tensor.Zeros(11)]));
        Assert.Contains("GRU: bias_hh_l0 must be [12], got [11]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_configuration_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(3, 4, numLayers: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(3, 4, dropout: 1f));
        var x = Tensor.Zeros(1, 2, 3);
        var weights = new Gru(3, 4, numLayers: 2, rng: new Rng(1)).FlatWeights;
        var e = Assert.Throws<ArgumentNullException>(() => Functional.Gru(x, weights, 2, dropout: 0.5f, training: true));
        Assert.Contains("GRU: dropout in training needs a random source", e.Message, StringComparison.Ordinal);
    }
}
