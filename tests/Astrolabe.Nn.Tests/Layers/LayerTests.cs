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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm_of_rows_matches_the_per_plane_computation(bool training)
    {
        // [N, C] is normalised row by row; the same values laid out as [1, C, N] take the per-plane path. Same
        // statistics, so the outputs, all gradients and the running statistics must agree (up to summation order).
        const int n = 37, c = 13;
        var rng = new Rng(5);
        var rows = Tensor.Randn(rng, n, c).RequireGrad();
        var planesData = new float[n * c];
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                planesData[(ch * n) + b] = rows.Data[(b * c) + ch];
            }
        }

        var planes = new Tensor(planesData, [1, c, n]).RequireGrad();
        var (w1, b1) = (Tensor.Randn(rng, c).RequireGrad(), Tensor.Randn(rng, c).RequireGrad());
        var (w2, b2) = (new Tensor(w1.Data.ToArray(), [c]).RequireGrad(), new Tensor(b1.Data.ToArray(), [c]).RequireGrad());
        var (mean1, var1) = (Tensor.Randn(rng, c).Data, Tensor.Uniform(rng, 0.5f, 2f, c).Data);
        var (mean2, var2) = (mean1.ToArray(), var1.ToArray());
        var weights = Tensor.Randn(rng, n, c);
        var y1 = Functional.BatchNorm(rows, mean1, var1, w1, b1, training);
        (y1 * weights).Sum().Backward();
        var weightsT = new float[n * c];
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                weightsT[(ch * n) + b] = weights.Data[(b * c) + ch];
            }
        }

        var y2 = Functional.BatchNorm(planes, mean2, var2, w2, b2, training);
        (y2 * new Tensor(weightsT, [1, c, n])).Sum().Backward();
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                Assert.Equal(y2.Data[(ch * n) + b], y1.Data[(b * c) + ch], tolerance: 1e-4f);
                Assert.Equal(planes.Grad![(ch * n) + b], rows.Grad![(b * c) + ch], tolerance: 1e-4f);
            }
        }

        for (int ch = 0; ch < c; ch++)
        {
            Assert.Equal(w2.Grad![ch], w1.Grad![ch], tolerance: 1e-4f);
            Assert.Equal(b2.Grad![ch], b1.Grad![ch], tolerance: 1e-4f);
            Assert.Equal(mean2[ch], mean1[ch], tolerance: 1e-5f);
            Assert.Equal(var2[ch], var1[ch], tolerance: 1e-5f);
        }
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
