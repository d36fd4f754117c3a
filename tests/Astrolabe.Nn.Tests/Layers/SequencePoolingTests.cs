using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Layers;

public class SequencePoolingTests
{
    [Fact]
    public void Masked_pools_ignore_padding()
    {
        var x = new Tensor([1, 10, 3, 20, 100, -100, 5, 6, 7, 8, 9, 10], [2, 3, 2]);
        Assert.Equal([2f, 15f, 5f, 6f], Functional.MaskedMeanPool(x, [2, 1]).Data);
        Assert.Equal([3f, 20f, 5f, 6f], Functional.MaskedMaxPool(x, [2, 1]).Data);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        Check(t => Functional.MaskedMeanPool(t[0], [3, 1, 2]), [Random(1, 3, 3, 4)]);
        Check(t => Functional.MaskedMaxPool(t[0], [3, 1, 2]), [Random(2, 3, 3, 4)]);
        Check(t => Functional.AdaptiveAvgPool2d(t[0], 3, 2), [Random(3, 2, 2, 7, 5)]);
        Check(t => Functional.AdaptiveAvgPool1d(t[0], 4), [Random(4, 2, 3, 10)]);
    }

    [Fact]
    public void Bad_lengths_are_named()
    {
        var x = Tensor.Zeros(2, 3, 4);
        Assert.Contains("empty sequence", Assert.Throws<ArgumentException>(() => Functional.MaskedMeanPool(x, [0, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("length 4, expected 1..3", Assert.Throws<ArgumentException>(() => Functional.MaskedMaxPool(x, [4, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("1 lengths for a batch of 2", Assert.Throws<ArgumentException>(() => Functional.MaskedMeanPool(x, [1])).Message, StringComparison.Ordinal);
        Assert.Contains("rank-3", Assert.Throws<ArgumentException>(() => Functional.MaskedMeanPool(Tensor.Zeros(2, 3), [1, 1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Global_average_pool_is_the_plane_mean()
    {
        var x = Tensor.Randn(new Rng(5), 2, 3, 4, 5);
        var y = new AdaptiveAvgPool2d().Forward(x);
        Assert.Equal([2, 3, 1, 1], y.Shape);
        Assert.Equal(x.Data.Take(20).Average(), y.Data[0], 5);
        Assert.Throws<ArgumentException>(() => new AdaptiveAvgPool2d(2).Forward(Tensor.Zeros(2, 3, 4)));
        Assert.Equal([2, 3, 2], new AdaptiveAvgPool1d(2).Forward(Tensor.Zeros(2, 3, 5)).Shape);
    }
}
