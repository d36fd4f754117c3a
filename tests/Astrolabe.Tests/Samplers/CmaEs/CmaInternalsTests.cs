namespace Astrolabe.Tests.Samplers.CmaEs;

public sealed class CmaInternalsTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-6, -4.753424308822899)]
    public void NormalQuantilesMatchTables(double p, double expected) => Assert.Equal(expected, MarginDistributions.Ppf(p), 1e-9);

    [Fact]
    public void ChiSquaredQuantileOfOneDegree() => Assert.Equal(3.841458820694124, MarginDistributions.Chi2Ppf1(0.95), 1e-9);

    [Fact]
    public void EigenDecompositionReconstructsTheMatrix()
    {
        double[] a = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 1];
        var values = new double[3];
        var vectors = new double[9];
        SymmetricEigen.Decompose(a, 3, values, vectors);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double sum = Enumerable.Range(0, 3).Sum(k => vectors[(i * 3) + k] * values[k] * vectors[(j * 3) + k]);
                Assert.Equal(a[(i * 3) + j], sum, 1e-12);
            }
        }
    }

    [Fact]
    public void EigenDecompositionOfALargerMatrixIsOrthonormalAndReconstructs()
    {
        const int n = 40;
        var rng = new Random(3);
        var g = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = Enumerable.Range(0, n).Sum(k => g[(i * n) + k] * g[(j * n) + k]) + (i == j ? 0.1 : 0);
            }
        }

        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricEigen.Decompose(a, n, values, vectors);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double reconstructed = Enumerable.Range(0, n).Sum(k => vectors[(i * n) + k] * values[k] * vectors[(j * n) + k]);
                double dot = Enumerable.Range(0, n).Sum(k => vectors[(k * n) + i] * vectors[(k * n) + j]);
                Assert.Equal(a[(i * n) + j], reconstructed, 1e-10);
                Assert.Equal(i == j ? 1 : 0, dot, 1e-12);
            }
        }
    }

    [Fact]
    public void StateRoundTripsThroughJson()
    {
        var state = CmaState.Start(["a", "b"], false, 6, [0.1, 0.2], 0.3, null, 42, margin: true, lrAdapt: true);
        var evolution = CmaEvolution.For(state);
        var rng = new Random(1);
        evolution.Tell(Enumerable.Range(0, 6).Select(i => (evolution.Sample(rng), (double)i)).ToList());
        var json = JsonValues.Serialize(state.ToAttr());
        var back = CmaState.FromAttr(JsonValues.Deserialize(json));
        Assert.Equal(json, JsonValues.Serialize(back.ToAttr()));
        Assert.Equal(1, back.Generation);
    }

    [Fact]
    public void DefaultParametersFollowTheTutorial()
    {
        var p = CmaParameters.Full(10, CmaParameters.DefaultPopsize(10));
        Assert.Equal(10, p.Popsize);
        Assert.Equal(5, p.Mu);
        Assert.Equal(1.0, p.Weights.Take(p.Mu).Sum(), 1e-12);
        Assert.All(p.Weights.Skip(p.Mu), w => Assert.True(w <= 0));
        Assert.Equal(Math.Sqrt(10) * (1 - (1 / 40.0) + (1 / 2100.0)), p.ChiN, 1e-12);
    }
}
