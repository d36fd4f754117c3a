namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class NormalMathTests
{
    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(-1.5, -0.9661051464753108)]
    [InlineData(0.0, 0.0)]
    public void ErfMatchesReferenceValues(double x, double expected) => Assert.Equal(expected, NormalMath.Erf(x), 1e-15);

    [Theory]
    [InlineData(3.0, 2.2090496998585445e-05)]
    [InlineData(-1.0, 1.8427007929497148)]
    [InlineData(10.0, 2.0884875837625446e-45)]
    public void ErfcKeepsRelativePrecisionInTheTail(double x, double expected) =>
        Assert.Equal(1.0, NormalMath.Erfc(x) / expected, 1e-13);

    [Theory]
    [InlineData(-30.0, -454.32124395634327)]
    [InlineData(-5.0, -15.064998393988727)]
    [InlineData(3.0, -0.001350809964748193)]
    public void LogNdtrMatchesReferenceValues(double a, double expected) =>
        Assert.Equal(1.0, NormalMath.LogNdtr(a) / expected, 1e-12);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-40.0)]
    [InlineData(-1e-9)]
    public void NdtriExpInvertsLogNdtr(double logP) => Assert.Equal(logP, NormalMath.LogNdtr(NormalMath.NdtriExp(logP)), 1e-10 * Math.Abs(logP));

    [Fact]
    public void TruncatedQuantilesMatchScipyAndStayInside()
    {
        Assert.Equal(1.1856325685206264, NormalMath.TruncatedPpf(0.3, 1.0, 2.0), 1e-10);
        for (double u = 0.01; u < 1; u += 0.07)
        {
            Assert.InRange(NormalMath.TruncatedPpf(u, 8.0, 9.0), 8.0, 9.0);
            Assert.InRange(NormalMath.TruncatedPpf(u, -40.0, -39.5), -40.0, -39.5);
        }
    }

    [Fact]
    public void LogGaussMassOfTheWholeLineIsZeroAndOfAFarTailIsFinite()
    {
        Assert.Equal(0.0, NormalMath.LogGaussMass(-40, 40), 1e-12);
        Assert.Equal(Math.Log(0.6826894921370859), NormalMath.LogGaussMass(-1, 1), 1e-12);
        Assert.True(double.IsFinite(NormalMath.LogGaussMass(38, 39)));
    }
}
