namespace Astrolabe.Tests.Terminators;

public sealed class EMMREvaluatorTests
{
    private static double Matern(double a, double b, GpKernelParams kernel)
    {
        double r = Math.Sqrt(kernel.InverseSquaredLengthscales[0]) * Math.Abs(a - b);
        return kernel.Scale * (1 + (Math.Sqrt(5) * r) + (5 * r * r / 3)) * Math.Exp(-Math.Sqrt(5) * r);
    }

    /// <summary>The posterior of one-dimensional data by an explicit inverse (Gauss–Jordan): mean at a, covariance of a and b.</summary>
    private static (double Mean, double Covariance) Dense(double[] x, double[] y, GpKernelParams kernel, double a, double b)
    {
        int n = x.Length;
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = Matern(x[i], x[j], kernel) + (i == j ? kernel.NoiseVar : 0);
            }

            m[i, n + i] = 1;
        }

        for (int c = 0; c < n; c++)
        {
            double pivot = m[c, c];
            for (int j = 0; j < 2 * n; j++)
            {
                m[c, j] /= pivot;
            }

            for (int r = 0; r < n; r++)
            {
                if (r != c)
                {
                    double f = m[r, c];
                    for (int j = 0; j < 2 * n; j++)
                    {
                        m[r, j] -= f * m[c, j];
                    }
                }
            }
        }

        double mean = 0, quadratic = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                mean += Matern(a, x[i], kernel) * m[i, n + j] * y[j];
                quadratic += Matern(a, x[i], kernel) * m[i, n + j] * Matern(x[j], b, kernel);
            }
        }

        return (mean, Matern(a, b, kernel) - quadratic);
    }

    [Fact]
    public void MatchesTheFormulaOfIshibashiEtAlWithAnIndependentPosterior()
    {
        // Six trials of a wave; the latest (x = 0.375) is not the best, so the two best points differ in neither model.
        double[] x = [.. TerminatorTrials.VanDerCorput(6)];
        static double F(double t) => Math.Sin(6 * t) + t;
        var trials = TerminatorTrials.OneDimensional(x, F);
        double emmr = new EMMREvaluator(seed: 5).Evaluate(trials, StudyDirection.Minimize);

        // Standardised values to maximise (population deviation), the two fits as the evaluator makes them.
        var v = x.Select(t => -F(t)).ToArray();
        double mean = v.Average(), std = Math.Sqrt(v.Sum(u => (u - mean) * (u - mean)) / v.Length);
        var y = v.Select(u => (u - mean) / std).ToArray();
        var earlier = GpFit.Fit(x[..5], y[..5], [false], null, deterministic: false);
        var now = GpFit.Fit(x, y, [false], earlier.Kernel, deterministic: false);
        int best = Array.IndexOf(y, y.Max()), earlierBest = Array.IndexOf(y, y[..5].Max());
        Assert.NotEqual(5, best);

        var (meanBest, varianceBest) = Dense(x, y, now.Kernel, x[best], x[best]);
        var (_, varianceEarlierBest) = Dense(x, y, now.Kernel, x[earlierBest], x[earlierBest]);
        var (_, covariance) = Dense(x, y, now.Kernel, x[best], x[earlierBest]);
        var (meanEarlierBest, _) = Dense(x[..5], y[..5], earlier.Kernel, x[earlierBest], x[earlierBest]);
        var (meanLast, varianceLast) = Dense(x[..5], y[..5], now.Kernel, x[5], x[5]);
        var space = new GpSpace(new Dictionary<string, Distribution> { ["x"] = TerminatorTrials.Unit });
        double kappa = RegretBound.Standardized(earlier, space, x[..5], 5, 0.1, 2048, RegretBound.RandomFor(5, 6));

        double s = Math.Sqrt(Math.Max(1e-10, varianceBest - (2 * covariance) + varianceEarlierBest));
        double g = (meanBest - meanEarlierBest) / s;
        double pdf = Math.Exp(-g * g / 2) / Math.Sqrt(2 * Math.PI);
        double lambda = 1e6;
        double kl = (0.5 * Math.Log(1 + (lambda * varianceLast))) - (0.5 * varianceLast / (varianceLast + (1 / lambda)))
            + (0.5 * varianceLast * Math.Pow(y[5] - meanLast, 2) / Math.Pow(varianceLast + (1 / lambda), 2));
        double expected = (meanEarlierBest - meanBest) + (s * pdf) + (s * g * NormalMath.Ndtr(g)) + (kappa * Math.Sqrt(0.5 * kl));
        Assert.Equal(expected, emmr, 6);
    }

    [Fact]
    public void ATrialThatTeachesNothingScoresLowerThanOneThatFindsABetterRegion()
    {
        static double F(double t) => Math.Pow(t - 0.7, 2);
        var xs = TerminatorTrials.VanDerCorput(30).Where(t => t < 0.5).ToList();

        // The latest trial repeats an explored point, or jumps to the unexplored optimum.
        var repeat = TerminatorTrials.OneDimensional([.. xs, xs[3]], F);
        var jump = TerminatorTrials.OneDimensional([.. xs, 0.7], F);
        double quiet = new EMMREvaluator(seed: 1).Evaluate(repeat, StudyDirection.Minimize);
        double loud = new EMMREvaluator(seed: 1).Evaluate(jump, StudyDirection.Minimize);
        Assert.True(quiet < loud / 4, $"repeat {quiet}, jump {loud}");
    }

    [Fact]
    public void BelowItsMinimumOrWithoutParametersItNeverStops()
    {
        var evaluator = new EMMREvaluator(minNTrials: 3);
        Assert.Equal(EMMREvaluator.NoStop, evaluator.Evaluate(TerminatorTrials.OneDimensional([0.1, 0.9], t => t), StudyDirection.Minimize));
        Assert.Equal(EMMREvaluator.NoStop, evaluator.Evaluate([.. Enumerable.Range(0, 5).Select(i => TerminatorTrials.Complete(i, i, []))], StudyDirection.Minimize));
    }

    [Fact]
    public void MultiObjectiveTrialsAreAClearError()
    {
        var trials = TerminatorTrials.OneDimensional([0.1, 0.5, 0.9], t => t).Select(t => t with { Values = [1.0, 2.0] }).ToList();
        var e = Assert.Throws<ArgumentException>(() => new EMMREvaluator().Evaluate(trials, StudyDirection.Minimize));
        Assert.StartsWith("EMMREvaluator supports single-objective studies only; trial 0 has 2 values.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 2)]
    [InlineData(1.0, 2)]
    [InlineData(0.1, 1)]
    public void BadOptionsAreRefused(double delta, int minimum) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EMMREvaluator(delta: delta, minNTrials: minimum));

    [Fact]
    public void WithTheMedianErrorItStopsAPlateauedStudyAndNotAnImprovingOne()
    {
        static TerminatorCallback Callback()
        {
            var emmr = new EMMREvaluator(seed: 0);
            return new(new Terminator(new TerminatorOptions { ImprovementEvaluator = emmr, ErrorEvaluator = new MedianErrorEvaluator(emmr) }));
        }

        var plateau = Study.Create();
        foreach (double x in TerminatorTrials.VanDerCorput(150))
        {
            plateau.EnqueueTrial(new Dictionary<string, object?> { ["x"] = x });
        }

        plateau.Optimize(t => Math.Pow(t.SuggestFloat("x", 0, 1) - 0.3, 2), nTrials: 150, callback: Callback().Invoke);
        Assert.InRange(plateau.GetTrials(TrialState.Complete).Count, 30, 149);

        var slope = Study.Create();
        foreach (int i in Enumerable.Range(0, 60))
        {
            slope.EnqueueTrial(new Dictionary<string, object?> { ["x"] = i / 60.0 });
        }

        slope.Optimize(t => -50 * t.SuggestFloat("x", 0, 1), nTrials: 60, callback: Callback().Invoke);
        Assert.Equal(60, slope.GetTrials(TrialState.Complete).Count);
    }
}
