namespace Astrolabe.Tests.Samplers.Tpe;

/// <summary>
/// Log densities checked against Optuna 3.1's <c>_ParzenEstimator.log_pdf</c> on the same observations, and the
/// adaptive multivariate estimator against the mixture of normalised truncated normals it defines.
/// </summary>
public sealed class ParzenEstimatorTests
{
    private static double[] LogPdf(bool multivariate, Distribution[] space, double[][] observations, double[][] points) =>
        LogPdf(new TpeSamplerOptions { Multivariate = multivariate, MultivariateKernels = TpeMultivariateKernels.Optuna31 }, space, observations, points);

    private static double[] LogPdf(TpeSamplerOptions options, Distribution[] space, double[][] observations, double[][] points) =>
        new ParzenEstimator(space, observations, options, null).LogPdf(points);

    [Fact]
    public void FloatKernelsMatchOptuna() => AssertClose(
        [-0.7285115947321642, -0.5903442806251237, -0.8311114185463429],
        LogPdf(false, [new FloatDistribution(0, 1)], [[0.1, 0.5, 0.55, 0.9]], [[0.2, 0.5, 0.95]]));

    [Fact]
    public void IntKernelsIntegrateOverTheStepCellLikeOptuna() => AssertClose(
        [-2.4016928678471663, -1.961938469441612, -2.9907725601277924],
        LogPdf(false, [new IntDistribution(0, 10)], [[1, 3, 3, 8]], [[0, 3, 9]]));

    [Fact]
    public void LogScaleKernelsMatchOptuna() => AssertClose(
        [-0.8431814555632586, -0.7349457833624733],
        LogPdf(false, [new FloatDistribution(1e-5, 1, log: true)], [[1e-3, 1e-2, 2e-4]], [[1e-4, 5e-3]]));

    [Fact]
    public void CategoricalKernelsMatchOptuna() => AssertClose(
        [-1.0986122886681096, -1.6582280766035324, -0.7419373447293772],
        LogPdf(false, [new CategoricalDistribution(["a", "b", "c"])], [[0, 2, 2]], [[0, 1, 2]]));

    [Fact]
    public void MultivariateKernelsMatchOptuna() => AssertClose(
        [-1.9779236823696984, -1.6689940467322442],
        LogPdf(true, [new FloatDistribution(0, 1), new CategoricalDistribution(["a", "b", "c"])], [[0.1, 0.5, 0.55, 0.9], [0, 2, 2, 1]], [[0.2, 0.5], [0, 2]]));

    // Kernels at 0.1, 0.3, 0.8 and the prior at 0.5 (σ = range); bandwidths the wider neighbour gap: 0.2, 0.2, 0.3;
    // each a truncated normal density on [0, 1] with its 1/σ, weights 1/4 (values from an independent erf-based sum).
    [Fact]
    public void AdaptiveMultivariateKernelsAreNormalisedWithNeighbourGapBandwidths() => AssertClose(
        [0.34900396385997234, -0.047720346814469544, -0.4577723151262851],
        LogPdf(new TpeSamplerOptions { Multivariate = true }, [new FloatDistribution(0, 1)], [[0.1, 0.3, 0.8]], [[0.2, 0.5, 0.95]]));

    // Clustered observations: every gap (0.01) is below the adaptive floor range / min(100, (4 + 1)²) = 0.04, which
    // therefore sets the three bandwidths (Optuna's floor would be range / 5).
    [Fact]
    public void AdaptiveBandwidthsAreFlooredAtTheRangeOverKernelsSquared() => AssertClose(
        [1.9975439559115877, -0.10034373063957842],
        LogPdf(new TpeSamplerOptions { Multivariate = true }, [new FloatDistribution(0, 1)], [[0.5, 0.51, 0.52]], [[0.5, 0.6]]));

    [Theory]
    [InlineData(TpeMultivariateKernels.Adaptive, true)]
    [InlineData(TpeMultivariateKernels.Optuna31, false)]
    public void OnlyTheAdaptiveJointDensityIntegratesToOne(TpeMultivariateKernels kernels, bool normalised)
    {
        var space = new Distribution[] { new FloatDistribution(-2, 3), new IntDistribution(0, 4) };
        double[][] observations = [[-1.5, 0.2, 0.25, 2.5, 1], [0, 3, 3, 4, 1]];
        const int Cells = 2000;
        var xs = new double[Cells * 5];
        var ns = new double[Cells * 5];
        for (int i = 0; i < Cells; i++)
        {
            for (int n = 0; n <= 4; n++)
            {
                xs[(i * 5) + n] = -2 + ((i + 0.5) * 5.0 / Cells);
                ns[(i * 5) + n] = n;
            }
        }

        var logPdf = LogPdf(new TpeSamplerOptions { Multivariate = true, MultivariateKernels = kernels }, space, observations, [xs, ns]);
        double integral = logPdf.Sum(Math.Exp) * 5.0 / Cells;
        if (normalised)
        {
            Assert.Equal(1, integral, 1e-4);
        }
        else
        {
            Assert.True(Math.Abs(integral - 1) > 0.05, $"Optuna 3.1's kernels omit 1/σ, yet the density integrates to {integral}");
        }
    }

    [Fact]
    public void SamplesStayInsideTheDistributionAndOnItsGrid()
    {
        var space = new Distribution[] { new FloatDistribution(-1, 1, step: 0.25), new IntDistribution(1, 1000, log: true), new FloatDistribution(1e-3, 1, log: true) };
        var estimator = new ParzenEstimator(space, [[-1, 1, 0.25], [1, 1000, 30], [1e-3, 1, 0.5]], new TpeSamplerOptions(), null);
        var samples = estimator.Sample(new Random(3), 200);
        for (int d = 0; d < space.Length; d++)
        {
            Assert.All(samples[d], v => Assert.True(space[d].Contains(v), $"{v} outside {space[d]}"));
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9);
        }
    }
}
