namespace Astrolabe.Optim.Tests;

public sealed class ValidationTests
{
    private static Parameter P() => new("w", [1f, 2f], [0f, 0f], 2);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RejectsABadLearningRate(double lr)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Adam([P()], lr: lr));
        Assert.Contains("learning rate must be a finite number ≥ 0", e.Message, StringComparison.Ordinal);
        var opt = Optimizers.Sgd([P()], lr: 0.1);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => opt.LearningRate = lr);
        Assert.Contains("learning rate must be a finite number ≥ 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 0.999)]
    [InlineData(-0.1, 0.999)]
    [InlineData(0.9, 1.5)]
    [InlineData(0.9, double.NaN)]
    public void RejectsABetaOutsideZeroOne(double beta1, double beta2)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.AdamW([P()], beta1: beta1, beta2: beta2));
        Assert.Contains("must be in [0, 1)", e.Message, StringComparison.Ordinal);
        Assert.Contains(beta1 is < 0 or >= 1 ? "beta1" : "beta2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAGradientWhoseShapeDoesNotMatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new Parameter("w", new float[12], new float[10], 3, 4));
        Assert.Contains("Parameter 'w': the gradient has 10 elements but the value has 12 (shape [3, 4])", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new Parameter("b", new float[5], new float[5], 4));
        Assert.Contains("Parameter 'b': the value has 5 elements but the shape [4] has 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnEmptyOrDuplicatedParameterList()
    {
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => Optimizers.Sgd([])).Message, StringComparison.Ordinal);
        Assert.Contains("Two parameters are named 'w'", Assert.Throws<ArgumentException>(() => Optimizers.Sgd([P(), P()])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsNesterovWithoutMomentumAndOtherBadHyperparameters()
    {
        Assert.Contains("Nesterov momentum requires", Assert.Throws<ArgumentException>(() => Optimizers.Sgd([P()], nesterov: true)).Message, StringComparison.Ordinal);
        Assert.Contains("eps must be a finite number ≥ 0", Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Adam([P()], eps: -1)).Message, StringComparison.Ordinal);
        Assert.Contains("weightDecay must be a finite number ≥ 0", Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Sgd([P()], weightDecay: double.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("maxNorm must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Sgd([P()]).WithGradientClipping(0)).Message, StringComparison.Ordinal);
        Assert.Contains("normType must be ≥ 1 or +∞", Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Sgd([P()]).WithGradientClipping(1, 0.5)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesToAttachAfterTheFirstStep()
    {
        var opt = Optimizers.Sgd([P()], lr: 0.1);
        opt.Step();
        var e = Assert.Throws<InvalidOperationException>(() => opt.WithValueClipping(1));
        Assert.Contains("before the optimizer's first step", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLearningRateLivesInAtMostOneTransformation()
    {
        Assert.Contains("two learning-rate transformations", Assert.Throws<ArgumentException>(() => new Optimizer([P()], new Chain(new ScaleByLearningRate(0.1), new Chain(new ScaleByLearningRate(0.2))))).Message, StringComparison.Ordinal);
        var noRate = new Optimizer([P()], new Scale(-0.1));
        Assert.True(double.IsNaN(noRate.LearningRate));
        Assert.Contains("no learning-rate transformation", Assert.Throws<InvalidOperationException>(() => noRate.LearningRate = 0.1).Message, StringComparison.Ordinal);
    }
}
