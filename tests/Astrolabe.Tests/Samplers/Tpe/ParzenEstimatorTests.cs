namespace Astrolabe.Tests.Samplers.Tpe;

/// <summary>Log densities checked against Optuna 3.1's <c>_ParzenEstimator.log_pdf</c> on the same observations.</summary>
public sealed class ParzenEstimatorTests
{
    private static double[] LogPdf(bool multivariate, Distribution[] space, double[][] observations, double[][] points) =>
        new ParzenEstimator(space, observations, new TpeSamplerOptions { Multivariate = multivariate }, null).LogPdf(points);

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
