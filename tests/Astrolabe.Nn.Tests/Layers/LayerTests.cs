using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;

namespace Astrolabe.Nn.Tests.Layers;

public class LayerTests
{
    [Fact]
    public void Sequential_names_parameters_by_index()
    {
        var model = new Sequential(new Linear(4, 3, rng: new Rng(1)), new ReLU(), new Linear(3, 2, bias: false, rng: new Rng(2)));
        Assert.Equal(["0.weight", "0.bias", "2.weight"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(4 * 3 + 3 + 3 * 2, model.ParameterCount);
    }

    [Fact]
    public void Shape_mismatch_names_the_layer()
    {
        var model = new Sequential(new Linear(4, 3, rng: new Rng(1)), new ReLU(), new Linear(5, 2, rng: new Rng(2)));
        var e = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(2, 4)));
        Assert.Contains("layer 2 (Linear)", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv_channel_mismatch_names_the_layer()
    {
        var model = new Sequential(new Conv2d(3, 4, 3, rng: new Rng(1)));
        var e = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(1, 1, 8, 8)));
        Assert.Contains("layer 0 (Conv2d)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_batch_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new CrossEntropyLoss().Compute(Tensor.Zeros(0, 3), new Batch(Tensor.Zeros(0, 3), [], null)));
        Assert.Contains("empty batch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_init_matches_pytorch_bounds()
    {
        var l = new Linear(100, 50, rng: new Rng(3));
        float bound = 1f / 10f;
        Assert.All(l.Weight.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(l.Bias!.Data, v => Assert.InRange(v, -bound, bound));
        double var = l.Weight.Data.Select(v => (double)v * v).Average();
        Assert.InRange(var, bound * bound / 3 * 0.9, bound * bound / 3 * 1.1);
    }

    [Fact]
    public void Same_seed_builds_the_same_model()
    {
        Seed.Manual(42);
        var a = new Linear(8, 8);
        Seed.Manual(42);
        var b = new Linear(8, 8);
        Assert.Equal(a.Weight.Data, b.Weight.Data);
    }

    [Fact]
    public void BatchNorm_updates_running_stats_in_training_and_uses_them_in_eval()
    {
        var bn = new BatchNorm(2);
        var x = new Tensor([1, 10, 3, 20, 5, 30], [3, 2]);
        bn.Forward(x);
        Assert.Equal(0.1f * 3f, bn.RunningMean[0], 5);
        Assert.Equal((0.9f * 1f) + (0.1f * 4f), bn.RunningVar[0], 5);
        bn.Eval();
        var y = bn.Forward(new Tensor([0.3f, 2f], [1, 2]));
        Assert.Equal(0f, y.Data[0], 5);
    }

    [Fact]
    public void Dropout_is_identity_in_eval_and_scales_in_training()
    {
        var d = new Dropout(0.5f, new Rng(1));
        var x = Tensor.Full(1f, 1000);
        var y = d.Forward(x);
        Assert.All(y.Data, v => Assert.True(v == 0f || v == 2f));
        Assert.InRange(y.Data.Average(), 0.85, 1.15);
        d.Eval();
        Assert.Same(x, d.Forward(x));
    }

    [Fact]
    public void Cnn_shapes_flow_through_conv_pool_flatten_linear()
    {
        var model = new Sequential(
            new Conv2d(1, 4, 3, padding: 1, rng: new Rng(1)), new ReLU(), new MaxPool2d(2),
            new Conv2d(4, 8, 3, rng: new Rng(2)), new GELU(), new AvgPool2d(2), new Flatten(),
            new LayerNorm(8), new Linear(8, 3, rng: new Rng(3)));
        var y = model.Forward(Tensor.Randn(new Rng(4), 2, 1, 10, 10));
        Assert.Equal([2, 3], y.Shape);
        Functional.CrossEntropy(y, [0, 2]).Backward();
        Assert.All(model.NamedParameters(), p => Assert.Contains(p.Tensor.Grad!, g => g != 0));
    }

    [Fact]
    public void Embedding_rejects_out_of_range_indices()
    {
        var e = new Embedding(5, 2, new Rng(1));
        Assert.Equal([2, 2], e.Forward(new Tensor([0, 4], [2])).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Forward(new Tensor([5], [1])));
    }
}
