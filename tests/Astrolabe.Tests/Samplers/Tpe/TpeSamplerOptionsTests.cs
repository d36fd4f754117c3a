namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class TpeSamplerOptionsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(1000, 25)]
    public void DefaultGammaIsOptunas(int n, int expected) => Assert.Equal(expected, TpeSamplerOptions.DefaultGamma(n));

    [Fact]
    public void DefaultWeightsRampOlderTrialsAndKeepTheLast25Flat()
    {
        Assert.Equal([1.0, 1.0, 1.0], TpeSamplerOptions.DefaultWeights(3));
        var w = TpeSamplerOptions.DefaultWeights(30);
        Assert.Equal(30, w.Length);
        Assert.Equal(1.0 / 30, w[0], 1e-15);
        Assert.Equal(1.0, w[4], 1e-15);
        Assert.All(w[5..], x => Assert.Equal(1.0, x));
        Assert.True(w[1] > w[0] && w[2] > w[1]);
    }

    [Fact]
    public void GroupWithoutMultivariateIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { Group = true }));
        Assert.Contains("Group option can only be enabled together with Multivariate", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1.0, "NEiCandidates must be at least 1")]
    [InlineData(24, 0.0, "PriorWeight must be a positive finite number")]
    [InlineData(24, double.NaN, "PriorWeight must be a positive finite number")]
    public void BadOptionsAreRejected(int candidates, double priorWeight, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { NEiCandidates = candidates, PriorWeight = priorWeight }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUndefinedMultivariateKernelKindIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { Multivariate = true, MultivariateKernels = (TpeMultivariateKernels)7 }));
        Assert.Contains("MultivariateKernels must be Adaptive or Optuna31, got 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeStartupTrialsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { NStartupTrials = -1 }));
        Assert.Contains("NStartupTrials must be non-negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeightsFunctionReturningNegativeValuesFailsWithAClearMessage()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, NStartupTrials = 2, Weights = n => Enumerable.Repeat(-1.0, n).ToArray() });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        var e = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 5));
        Assert.Contains("weights function must return", e.Message, StringComparison.Ordinal);
    }
}
