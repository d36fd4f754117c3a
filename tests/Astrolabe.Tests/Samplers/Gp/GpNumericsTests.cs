namespace Astrolabe.Tests.Samplers.Gp;

public sealed class GpNumericsTests
{
    [Fact]
    public void CholeskySolvesAndGrowsLikeAFreshDecomposition()
    {
        var rng = new Random(1);
        int n = 12;
        var a = RandomSpd(rng, n + 1);
        var small = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                small[(i * n) + j] = a[(i * (n + 1)) + j];
            }
        }

        var factor = CholeskyFactor.TryDecompose(small, n)!;
        var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var x = (double[])b.Clone();
        factor.Solve(x);
        for (int i = 0; i < n; i++)
        {
            double ax = Enumerable.Range(0, n).Sum(j => small[(i * n) + j] * x[j]);
            Assert.Equal(b[i], ax, 1e-9);
        }

        var cross = Enumerable.Range(0, n).Select(j => a[(n * (n + 1)) + j]).ToArray();
        Assert.True(factor.TryAppend(cross, a[(n * (n + 1)) + n]));
        var fresh = CholeskyFactor.TryDecompose(a, n + 1)!;
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                Assert.Equal(fresh[i, j], factor[i, j], 1e-10);
            }
        }

        // Many right-hand sides at once equal one at a time.
        int m = 5;
        var many = new double[(n + 1) * m];
        for (int k = 0; k < many.Length; k++)
        {
            many[k] = rng.NextDouble();
        }

        var copy = (double[])many.Clone();
        fresh.SolveLowerMany(many, m);
        for (int c = 0; c < m; c++)
        {
            var column = Enumerable.Range(0, n + 1).Select(i => copy[(i * m) + c]).ToArray();
            fresh.SolveLower(column);
            for (int i = 0; i <= n; i++)
            {
                Assert.Equal(column[i], many[(i * m) + c], 1e-10);
            }
        }
    }

    [Fact]
    public void CholeskyRefusesWhatIsNotPositiveDefinite()
    {
        Assert.Null(CholeskyFactor.TryDecompose([1, 2, 2, 1], 2));
        var factor = CholeskyFactor.TryDecompose([1.0], 1)!;
        Assert.False(factor.TryAppend([1.0], 1.0)); // a duplicate of a noiseless point
        Assert.Equal(1, factor.Size);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheMarginalLikelihoodGradientMatchesFiniteDifferences(bool deterministic)
    {
        var rng = new Random(2);
        int n = 15, d = 3;
        bool[] categorical = [false, true, false];
        var points = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            points[(i * d) + 0] = rng.NextDouble();
            points[(i * d) + 1] = rng.Next(3);
            points[(i * d) + 2] = rng.NextDouble();
        }

        var targets = Enumerable.Range(0, n).Select(i => Math.Sin(5 * points[i * d]) + points[(i * d) + 1] - 1).ToArray();
        double[] raw = deterministic ? [0.3, -0.5, 1.1, 0.2] : [0.3, -0.5, 1.1, 0.2, -3];
        var gradient = new double[raw.Length];
        GpFit.Loss(raw, gradient, points, targets, categorical, deterministic);
        for (int p = 0; p < raw.Length; p++)
        {
            double Numeric(double h)
            {
                var up = (double[])raw.Clone();
                var down = (double[])raw.Clone();
                up[p] += h;
                down[p] -= h;
                var scratch = new double[raw.Length];
                return (GpFit.Loss(up, scratch, points, targets, categorical, deterministic) - GpFit.Loss(down, scratch, points, targets, categorical, deterministic)) / (2 * h);
            }

            Assert.Equal(Numeric(1e-5), gradient[p], 1e-4 * Math.Max(1, Math.Abs(gradient[p])));
        }
    }

    [Fact]
    public void TheFitRecoversWhichDimensionMatters()
    {
        var rng = new Random(3);
        int n = 40, d = 2;
        var points = new double[n * d];
        for (int k = 0; k < points.Length; k++)
        {
            points[k] = rng.NextDouble();
        }

        var targets = GpSampler.Standardize([.. Enumerable.Range(0, n).Select(i => Math.Sin(6 * points[i * d]))], out double mean, out double scale);
        var model = GpFit.Fit(points, targets, [false, false], null, deterministic: false);

        // The objective varies along x0 only: its inverse squared length scale is far larger, and the model predicts it.
        Assert.True(model.Kernel.InverseSquaredLengthscales[0] > 10 * model.Kernel.InverseSquaredLengthscales[1],
            string.Join(", ", model.Kernel.InverseSquaredLengthscales));
        var predicted = new double[1];
        model.Posterior([0.5, 0.2], 1, predicted, new double[1]);
        Assert.Equal((Math.Sin(3) - mean) / scale, predicted[0], 0.1);
    }

    [Fact]
    public void BatchPosteriorsAgreeWithSinglePointOnes()
    {
        var model = SmallModel(out var categorical);
        var rng = new Random(4);
        int m = 7, d = categorical.Length;
        var candidates = Enumerable.Range(0, m).Select(_ => new[] { rng.NextDouble(), rng.Next(3), rng.NextDouble() }).ToArray();
        var columns = new double[d * m];
        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < d; k++)
            {
                columns[(k * m) + j] = candidates[j][k];
            }
        }

        var mean = new double[m];
        var variance = new double[m];
        model.Posterior(columns, m, mean, variance);
        for (int j = 0; j < m; j++)
        {
            var (oneMean, oneVariance) = model.PosteriorWithGradient(candidates[j], new double[d], new double[d]);
            Assert.Equal(oneMean, mean[j], 1e-9);
            Assert.Equal(oneVariance, variance[j], 1e-9);
        }
    }

    [Fact]
    public void LogHIsAccurateAndSmoothIntoTheFarTail()
    {
        foreach (double z in new[] { 3.0, 0.5, 0.0, -0.99, -1.0, -1.01, -5, -20 })
        {
            double naive = (Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI)) + (z * NormalMath.Ndtr(z));
            Assert.Equal(Math.Log(naive), LogEiMath.LogH(z), 1e-6 * Math.Max(1, Math.Abs(Math.Log(naive))));
        }

        // Past where h underflows: finite, decreasing, and the two sides of the asymptotic switch agree.
        Assert.True(double.IsFinite(LogEiMath.LogH(-1e3)));
        Assert.True(LogEiMath.LogH(-50) < LogEiMath.LogH(-49));
        Assert.Equal(LogEiMath.LogH(-39.999999), LogEiMath.LogH(-40.000001), 1e-4);
        Assert.Equal(double.NegativeInfinity, LogEiMath.LogH(double.NegativeInfinity));
    }

    internal static GaussianProcess SmallModel(out bool[] categorical)
    {
        var rng = new Random(5);
        int n = 12, d = 3;
        categorical = [false, true, false];
        var points = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            points[(i * d) + 0] = rng.NextDouble();
            points[(i * d) + 1] = rng.Next(3);
            points[(i * d) + 2] = rng.NextDouble();
        }

        var targets = GpSampler.Standardize([.. Enumerable.Range(0, n).Select(i => Math.Cos(4 * points[i * d]) - points[(i * d) + 2])], out _, out _);
        return GpFit.Build(points, targets, categorical, new GpKernelParams([2.0, 0.5, 1.5], 1.2, 1e-4))!;
    }

    private static double[] RandomSpd(Random rng, int n)
    {
        var b = new double[n * n];
        for (int k = 0; k < b.Length; k++)
        {
            b[k] = rng.NextDouble() - 0.5;
        }

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = Enumerable.Range(0, n).Sum(k => b[(i * n) + k] * b[(j * n) + k]) + (i == j ? 1 : 0);
            }
        }

        return a;
    }
}
