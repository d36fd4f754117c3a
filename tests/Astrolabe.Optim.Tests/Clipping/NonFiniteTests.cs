namespace Astrolabe.Optim.Tests;

public sealed class NonFiniteTests
{
    [Fact]
    public void SkipsTheStepAndLeavesParametersAndStateAlone()
    {
        var p = new Parameter("w", [1f, 2f], [0.5f, 0.5f], 2);
        var opt = Optimizers.Adam([p], lr: 0.1).WithNonFiniteGradients(NonFiniteGradientPolicy.Skip);
        opt.Step();
        float[] after1 = [.. p.Value];
        p.Grad[1] = float.NaN;
        opt.Step();
        Assert.Equal(after1, p.Value);
        Assert.Equal(1, opt.StepCount);
        Assert.Equal(1, opt.SkippedSteps);
        p.Grad[1] = 0.5f;
        opt.Step();

        // The skipped step did not advance Adam's moments: the third call acts as Adam's second step.
        var reference = new Parameter("w", [1f, 2f], [0.5f, 0.5f], 2);
        var plain = Optimizers.Adam([reference], lr: 0.1);
        plain.Step();
        plain.Step();
        Assert.Equal(reference.Value, p.Value);
    }

    [Fact]
    public void ThrowsWithTheParameterName()
    {
        var p = new Parameter("layer1.weight", [1f], [float.PositiveInfinity], 1);
        var opt = Optimizers.Sgd([p], lr: 0.1).WithNonFiniteGradients(NonFiniteGradientPolicy.Throw);
        var e = Assert.Throws<ArithmeticException>(opt.Step);
        Assert.Contains("'layer1.weight' holds NaN or infinity", e.Message, StringComparison.Ordinal);
        Assert.Equal(1f, p.Value[0]);
    }
}
