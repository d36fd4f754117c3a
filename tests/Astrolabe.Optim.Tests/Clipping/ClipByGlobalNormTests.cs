namespace Astrolabe.Optim.Tests;

public sealed class ClipByGlobalNormTests
{
    [Theory]
    [InlineData(2.0, 13.0)]
    [InlineData(1.0, 19.0)]
    [InlineData(double.PositiveInfinity, 12.0)]
    [InlineData(3.0, 12.2071)]
    public void ReportsTheNormOfAllGradientsAndScalesThemToMaxNorm(double p, double norm)
    {
        var a = new Parameter("a", [0f, 0f], [3f, 4f], 2);
        var b = new Parameter("b", [0f], [-12f], 1);
        var opt = Optimizers.Sgd([a, b], lr: 1.0).WithGradientClipping(1.0, p);
        opt.Step();
        Assert.Equal(norm, opt.LastGradNorm!.Value, 1e-3);
        double scale = 1.0 / (opt.LastGradNorm.Value + 1e-6);
        Assert.Equal(-3 * scale, a.Value[0], 1e-6);
        Assert.Equal(12 * scale, b.Value[0], 1e-6);
    }

    [Fact]
    public void LeavesSmallGradientsAlone()
    {
        var a = new Parameter("a", [0f, 0f], [0.3f, 0.4f], 2);
        var opt = Optimizers.Sgd([a], lr: 1.0, weightDecay: 0.5).WithGradientClipping(1.0);
        opt.Step();
        Assert.Equal(0.5, opt.LastGradNorm!.Value, 1e-6);
        Assert.Equal(-0.3f, a.Value[0]);
        Assert.Equal(-0.4f, a.Value[1]);
    }

    [Fact]
    public void ClipsByValue()
    {
        var a = new Parameter("a", [0f, 0f, 0f], [3f, -0.2f, -4f], 3);
        Optimizers.Sgd([a], lr: 1.0).WithValueClipping(0.5).Step();
        Assert.Equal([-0.5f, 0.2f, 0.5f], a.Value);
        Assert.Equal([3f, -0.2f, -4f], a.Grad);
    }
}
