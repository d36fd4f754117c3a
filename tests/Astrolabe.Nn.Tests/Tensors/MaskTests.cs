using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Tensors;

public sealed class MaskTests
{
    [Fact]
    public void MaskedFill_broadcasts_the_mask_and_stops_the_gradient_where_filled()
    {
        var x = new Tensor([1, 2, 3, 4, 5, 6], [2, 3]).RequireGrad();
        var y = Functional.MaskedFill(x, [false, true, true], [3], float.NegativeInfinity);
        Assert.Equal([1, float.NegativeInfinity, float.NegativeInfinity, 4, float.NegativeInfinity, float.NegativeInfinity], y.Data);
        y.Backward([1, 1, 1, 1, 1, 1]);
        Assert.Equal([1, 0, 0, 1, 0, 0], x.Grad!);
        Assert.Equal([9, 9, 9, 4, 5, 6], Functional.MaskedFill(x, [true, false], [2, 1], 9).Data);
    }

    [Fact]
    public void Where_chooses_element_by_element()
    {
        var a = new Tensor([1, 2, 3], [3]);
        var b = new Tensor([-1, -2], [2, 1]);
        var y = Functional.Where([true, false, true, false, false, true], [2, 3], a, b);
        Assert.Equal([2, 3], y.Shape);
        Assert.Equal([1, -1, 3, -2, -2, 3], y.Data);
    }

    [Fact]
    public void Bad_masks_are_clear_errors()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("does not broadcast to the input's shape [2, 3]",
            Assert.Throws<ArgumentException>(() => Functional.MaskedFill(x, [true, false, true, false, true, false], [3, 2], 0)).Message);
        Assert.Throws<ArgumentException>(() => Functional.MaskedFill(x, new bool[6], [2, 2, 3], 0));
        Assert.Contains("mask has 2 elements", Assert.Throws<ArgumentException>(() => Functional.MaskedFill(x, [true, false], [3], 0)).Message);
        Assert.Throws<ArgumentException>(() => Functional.Where([true], [1], x, Tensor.Zeros(4)));
        Assert.Contains("condition has 1 elements", Assert.Throws<ArgumentException>(() => Functional.Where([true], [2], x, x)).Message);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var rng = new Rng(1);
        bool[] mask = [.. Enumerable.Range(0, 8).Select(_ => rng.NextDouble() < 0.4)];
        Check(t => Functional.MaskedFill(t[0], mask, [2, 1, 4], -1e4f), [Random(1, 2, 3, 4)]);
        bool[] cond = [.. Enumerable.Range(0, 8).Select(_ => rng.NextDouble() < 0.5)];
        Check(t => Functional.Where(cond, [2, 4, 1], t[0], t[1]), [Random(2, 1, 3), Random(3, 2, 1, 1)]);
        Check(t => Functional.Where(cond, [8], t[0], t[1]), [Random(4, 8), Random(5, 8)]);
    }
}
