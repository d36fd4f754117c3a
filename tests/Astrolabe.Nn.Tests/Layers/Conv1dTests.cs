using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Layers;

public class Conv1dTests
{
    [Fact]
    public void Gradients_match_finite_differences()
    {
        Check(t => Functional.Conv1d(t[0], t[1], t[2], 1, 1), [Random(1, 2, 3, 7), Random(2, 4, 3, 3), Random(3, 4)]);
        Check(t => Functional.Conv1d(t[0], t[1], null, 2, 2, 2), [Random(4, 2, 2, 9), Random(5, 3, 2, 3)]);
    }

    [Fact]
    public void Output_length_follows_pytorch()
    {
        var conv = new Conv1d(3, 5, 3, stride: 2, padding: 2, dilation: 2, rng: new Rng(1));
        Assert.Equal([2, 5, 6], conv.Forward(Tensor.Zeros(2, 3, 11)).Shape);
        Assert.Equal(["weight", "bias"], conv.NamedParameters().Select(p => p.Name));
        Assert.Equal([5, 3, 3], conv.Weight.Shape);
    }

    [Fact]
    public void Bad_inputs_are_named()
    {
        var conv = new Conv1d(3, 4, 5, rng: new Rng(1)) { Name = "conv" };
        Assert.Contains("conv: input has 2 channels", Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 2, 8))).Message, StringComparison.Ordinal);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 3, 4))).Message, StringComparison.Ordinal);
        Assert.Contains("rank-3", Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(3, 8))).Message, StringComparison.Ordinal);
    }
}
