using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Tensors;

public sealed class ReduceTests
{
    private static readonly Tensor Grid = new([1, 2, 3, 4, 5, 6], [2, 3]);

    [Fact]
    public void Sum_and_mean_along_a_dimension()
    {
        Assert.Equal([5, 7, 9], Functional.Sum(Grid, 0).Data);
        Assert.Equal([6, 15], Functional.Sum(Grid, -1).Data);
        Assert.Equal([2, 1], Functional.Sum(Grid, 1, keepDim: true).Shape);
        Assert.Equal([2.5f, 3.5f, 4.5f], Functional.Mean(Grid, 0).Data);
        Assert.Equal([1, 3], Functional.Mean(Grid, -2, keepDim: true).Shape);
        Assert.Equal([0, 0], Functional.Sum(Tensor.Zeros(2, 0), 1).Data);
    }

    [Fact]
    public void Max_returns_the_first_index_of_the_largest_value()
    {
        var x = new Tensor([1, 3, 3, 2, 2, 0], [2, 3]);
        var (values, indices) = Functional.Max(x, 1);
        Assert.Equal([3, 2], values.Data);
        Assert.Equal([1, 0], indices);
        var (v0, i0) = Functional.Max(x, -2, keepDim: true);
        Assert.Equal([1, 3], v0.Shape);
        Assert.Equal([2, 3, 3], v0.Data);
        Assert.Equal([1, 0, 0], i0);
    }

    [Fact]
    public void Max_treats_nan_as_the_maximum_like_pytorch()
    {
        var (values, indices) = Functional.Max(new Tensor([1, float.NaN, 5, float.NaN], [4]), 0);
        Assert.True(float.IsNaN(values.Item()));
        Assert.Equal([1], indices);
    }

    [Fact]
    public void Max_gradient_goes_to_the_chosen_element_only()
    {
        var x = new Tensor([1, 3, 3, 2, 2, 0], [2, 3]).RequireGrad();
        Functional.Max(x, 1).Values.Backward([10, 20]);
        Assert.Equal([0, 10, 0, 20, 0, 0], x.Grad!);
    }

    [Fact]
    public void Bad_dimensions_and_empty_reductions_are_clear_errors()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Sum(Grid, 2));
        Assert.Contains("Sum", e.Message);
        Assert.Contains("rank-2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Mean(Grid, -3));
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Functional.Max(Tensor.Zeros(2, 0), 1)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Functional.Mean(Tensor.Zeros(0, 3), 0)).Message);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        Check(t => Functional.Sum(t[0], 1), [Random(1, 2, 3, 4)]);
        Check(t => Functional.Sum(t[0], -1, keepDim: true), [Random(2, 3, 5)]);
        Check(t => Functional.Mean(t[0], 0), [Random(3, 4, 2, 3)]);
        Check(t => Functional.Mean(t[0], -2, keepDim: true), [Random(4, 2, 3, 4)]);
        Check(t => Functional.Max(t[0], 1).Values, [Random(5, 3, 5, 2)]);
        Check(t => Functional.Max(t[0], -1, keepDim: true).Values, [Random(6, 4, 6)]);
    }
}
