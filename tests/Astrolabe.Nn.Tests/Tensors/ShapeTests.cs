using static Astrolabe.Nn.Tests.Autodiff.GradCheck;
using static Astrolabe.Nn.Tests.Tensors.TensorTestUtil;

namespace Astrolabe.Nn.Tests.Tensors;

public sealed class ShapeTests
{
    private static readonly Tensor Grid = new([0, 1, 2, 10, 11, 12], [2, 3]);

    [Fact]
    public void Concat_joins_along_the_dimension()
    {
        var y = Functional.Concat([Grid, new Tensor([7, 8], [2, 1])], 1);
        Assert.Equal([2, 4], y.Shape);
        Assert.Equal([0, 1, 2, 7, 10, 11, 12, 8], y.Data);
        Assert.Equal([0, 1, 2, 10, 11, 12, 0, 1, 2, 10, 11, 12], Functional.Concat([Grid, Grid], -2).Data);
        Assert.Equal([2, 3], Functional.Concat([Grid, Tensor.Zeros(2, 0)], 1).Shape);
    }

    [Fact]
    public void Split_cuts_into_the_given_sizes_and_chunks()
    {
        var parts = Functional.Split(Grid, [1, 2], 1);
        Assert.Equal([0, 10], parts[0].Data);
        Assert.Equal([1, 2, 11, 12], parts[1].Data);
        var chunks = Functional.Split(Tensor.Zeros(7, 2), 3, 0);
        Assert.Equal([3, 3, 1], chunks.Select(c => c.Dim(0)));
    }

    [Fact]
    public void Split_pieces_have_their_own_gradients()
    {
        var x = new Tensor([0, 1, 2, 10, 11, 12], [2, 3]).RequireGrad();
        var parts = Functional.Split(x, [2, 1], -1);
        Functional.Sum(Functional.Scale(parts[0], 2)).Backward();
        Assert.Equal([2, 2, 0, 2, 2, 0], x.Grad!);
        Functional.Sum(parts[1]).Backward();
        Assert.Equal([2, 2, 1, 2, 2, 1], x.Grad!);
    }

    [Fact]
    public void Unsqueeze_and_squeeze_are_views()
    {
        Assert.Equal([2, 1, 3], Functional.Unsqueeze(Grid, 1).Shape);
        Assert.Equal([2, 3, 1], Functional.Unsqueeze(Grid, -1).Shape);
        Assert.Same(Grid.Data, Functional.Unsqueeze(Grid, 0).Data);
        var x = Tensor.Zeros(1, 2, 1, 3);
        Assert.Equal([1, 2, 3], Functional.Squeeze(x, 2).Shape);
        Assert.Equal([1, 2, 1, 3], Functional.Squeeze(x, 1).Shape);
        Assert.Equal([2, 3], Functional.Squeeze(x).Shape);
    }

    [Fact]
    public void Bad_arguments_are_clear_errors()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => Functional.Concat([], 0)).Message);
        var e = Assert.Throws<ArgumentException>(() => Functional.Concat([Grid, Tensor.Zeros(3, 3)], 1));
        Assert.Contains("tensor 1 has shape [3, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => Functional.Concat([Grid, Tensor.Zeros(2, 3, 1)], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Concat([Grid], 2));
        Assert.Contains("do not add up", Assert.Throws<ArgumentException>(() => Functional.Split(Grid, [1, 1], 1)).Message);
        Assert.Throws<ArgumentException>(() => Functional.Split(Grid, [4, -1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Split(Grid, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Unsqueeze(Grid, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Squeeze(Grid, -3));
    }

    [Fact]
    public void Transpose_and_permute_reject_bad_dimensions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Transpose(Grid, 0, 2));
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => Functional.Permute(Grid, 1, -1)).Message);
        Assert.Contains("2 dimensions given for a rank-3", Assert.Throws<ArgumentException>(() => Functional.Permute(Tensor.Zeros(1, 2, 3), 0, 1)).Message);
    }

    [Theory]
    [InlineData(new[] { 5, 7 }, new[] { 1, 0 })]
    [InlineData(new[] { 70, 45 }, new[] { 1, 0 })]
    [InlineData(new[] { 3, 33, 65 }, new[] { 0, 2, 1 })]
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 0, 2, 1, 3 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 0, 1 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1, 2, 0 })]
    [InlineData(new[] { 3, 1, 4, 2 }, new[] { 3, 2, 1, 0 })]
    [InlineData(new[] { 4, 1, 5 }, new[] { 1, 0, 2 })]
    [InlineData(new[] { 2, 3 }, new[] { 0, 1 })]
    public void Permute_matches_naive_indexing_forward_and_backward(int[] shape, int[] perm)
    {
        var x = Tensor.Randn(new Rng(1), shape).RequireGrad();
        var y = Functional.Permute(x, perm);
        var ys = y.Shape;
        Assert.Equal(perm.Select(p => shape[p]), ys);
        var xStrides = Strides(shape);
        var g = Tensor.Randn(new Rng(2), ys).Data;
        y.Backward(g);
        for (int i = 0; i < y.Length; i++)
        {
            var idx = Unravel(i, ys);
            int src = 0;
            for (int k = 0; k < perm.Length; k++)
            {
                src += idx[k] * xStrides[perm[k]];
            }

            Assert.Equal(x.Data[src], y.Data[i]);
            Assert.Equal(g[i], x.Grad![src]);
        }
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        Check(t => Functional.Concat([t[0], t[1], t[2]], 1), [Random(1, 2, 3, 4), Random(2, 2, 1, 4), Random(3, 2, 2, 4)]);
        Check(t => Functional.Concat([t[0], t[0]], -1), [Random(4, 3, 2)]);
        Check(t => Functional.Concat([.. Functional.Split(t[0], [2, 4, 1], 1).Select(p => Functional.Mul(p, p))], 1), [Random(5, 3, 7, 2)]);
        Check(t => Functional.Split(t[0], 3, -2)[2], [Random(6, 2, 8, 3)]);
        Check(t => Functional.Transpose(t[0], -1, -2), [Random(7, 2, 3, 4)]);
        Check(t => Functional.Permute(t[0], 2, 0, 1), [Random(8, 2, 3, 4)]);
        Check(t => Functional.Squeeze(Functional.Unsqueeze(t[0], 1), 1), [Random(9, 2, 3)]);
    }
}
