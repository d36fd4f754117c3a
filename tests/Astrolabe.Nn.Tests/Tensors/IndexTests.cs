using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Tensors;

public sealed class IndexTests
{
    private static readonly Tensor Grid = new([0, 1, 2, 10, 11, 12], [2, 3]);

    [Fact]
    public void Gather_picks_along_the_dimension()
    {
        var y = Functional.Gather(Grid, 1, [2, 0, 1, 1], [2, 2]);
        Assert.Equal([2, 2], y.Shape);
        Assert.Equal([2, 0, 11, 11], y.Data);
        Assert.Equal([10, 1], Functional.Gather(Grid, 0, [1, 0], [1, 2]).Data);
        Assert.Equal([2, 12], Functional.Gather(Grid, -1, [2, 2], [2, 1]).Data);
    }

    [Fact]
    public void Gather_gradient_adds_up_repeated_picks()
    {
        var x = new Tensor([0, 1, 2, 10, 11, 12], [2, 3]).RequireGrad();
        Functional.Gather(x, 1, [2, 2, 1, 1], [2, 2]).Backward([1, 2, 3, 4]);
        Assert.Equal([0, 0, 3, 0, 7, 0], x.Grad!);
    }

    [Fact]
    public void IndexSelect_picks_slices_in_order()
    {
        var y = Functional.IndexSelect(Grid, 1, [2, 0, 2]);
        Assert.Equal([2, 3], y.Shape);
        Assert.Equal([2, 0, 2, 12, 10, 12], y.Data);
        Assert.Equal([10, 11, 12], Functional.IndexSelect(Grid, -2, [1]).Data);
        Assert.Equal([2, 0], Functional.IndexSelect(Grid, 1, []).Shape);
    }

    [Fact]
    public void Out_of_range_indices_and_bad_shapes_are_clear_errors()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Gather(Grid, 1, [3], [1, 1]));
        Assert.Contains("Gather: index 3 is outside [0, 3)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Gather(Grid, 1, [-1], [1, 1]));
        Assert.Contains("same rank", Assert.Throws<ArgumentException>(() => Functional.Gather(Grid, 1, [0, 1], [2])).Message);
        Assert.Contains("larger", Assert.Throws<ArgumentException>(() => Functional.Gather(Grid, 1, [0, 0, 0], [3, 1])).Message);
        Assert.Throws<ArgumentException>(() => Functional.Gather(Grid, 1, [0, 0, 0], [2, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Gather(Grid, 2, [0], [1, 1]));
        Assert.Contains("IndexSelect: index 2 is outside [0, 2)",
            Assert.Throws<ArgumentOutOfRangeException>(() => Functional.IndexSelect(Grid, 0, [0, 2])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.IndexSelect(Grid, -3, [0]));
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var rng = new Rng(3);
        int[] index = [.. Enumerable.Range(0, 3 * 6 * 4).Select(_ => (int)(rng.NextDouble() * 4))];
        Check(t => Functional.Gather(t[0], 1, index, [3, 6, 4]), [Random(1, 3, 4, 5)]);
        Check(t => Functional.Gather(t[0], 0, [0, 2, 2, 1], [2, 2]), [Random(2, 3, 2)]);
        Check(t => Functional.IndexSelect(t[0], 1, [4, 0, 4, 2]), [Random(3, 4, 5, 3)]);
        Check(t => Functional.IndexSelect(t[0], -1, [1, 1]), [Random(4, 2, 3)]);
    }
}
