namespace Astrolabe;

/// <summary>
/// The room for improvement as the expected minimum model regret (Optuna's <c>EMMREvaluator</c>; Ishibashi et al.,
/// "A stopping criterion for Bayesian optimization by the gap of expected minimum simple regrets", AISTATS 2023): an
/// upper bound on how much the expected minimum simple regret changed with the latest trial, from two Gaussian
/// processes (the GP sampler's model) fitted to the standardised values of the Complete trials without and with the
/// latest one: the change of the best point's posterior mean, the expected gap between the two best points, and the
/// regret bound of the earlier model (<see cref="RegretBoundEvaluator"/>'s, over all its trials) times the square root
/// of half the KL divergence between the two posteriors. The value is in standardised units, so pair it with a
/// <see cref="MedianErrorEvaluator"/>, which compares it with its own early values. The fit without the latest trial
/// starts from the previous call's hyperparameters when the dimensions match (after every trial, that call fitted the
/// same points), so a terminator consulted after every trial refits in a few steps; the value then depends slightly
/// on the calls before. Thread-safe.
/// </summary>
public sealed class EMMREvaluator : IImprovementEvaluator
{
    private readonly Lock gate = new();
    private GpKernelParams? previous;

    /// <summary>The value returned when the evaluator cannot judge yet: large, so that no terminator stops (Optuna's).</summary>
    public const double NoStop = double.MaxValue * 0.1;

    /// <summary>
    /// Creates the evaluator. Throws <see cref="ArgumentOutOfRangeException"/> for a <paramref name="delta"/> outside
    /// (0, 1) or a <paramref name="minNTrials"/> below 2. With a <paramref name="seed"/> the random points of the space
    /// depend only on it and the trial count.
    /// </summary>
    public EMMREvaluator(bool deterministicObjective = false, double delta = 0.1, int minNTrials = 2, int? seed = null)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Delta must be in (0, 1).");
        }

        if (minNTrials < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(minNTrials), minNTrials, "The minimum number of trials must be at least 2.");
        }

        DeterministicObjective = deterministicObjective;
        Delta = delta;
        MinNTrials = minNTrials;
        Seed = seed;
    }

    /// <summary>Whether the objective is noiseless (the models' noise stays at its minimum).</summary>
    public bool DeterministicObjective { get; }

    /// <summary>The regret bound's δ (default 0.1).</summary>
    public double Delta { get; }

    /// <summary>Below this many Complete trials the evaluator returns <see cref="NoStop"/> (default 2).</summary>
    public int MinNTrials { get; }

    /// <summary>The seed of the random points of the space; null for a fresh one each time.</summary>
    public int? Seed { get; }

    /// <summary>
    /// The EMMR after the latest Complete trial (by number), never above <see cref="double.MaxValue"/> / 2;
    /// <see cref="NoStop"/> below <see cref="MinNTrials"/> Complete trials or when the Complete trials share no parameter
    /// with more than one value (Optuna warns and never stops there). Throws <see cref="ArgumentException"/> for a
    /// multi-objective study.
    /// </summary>
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction)
    {
        var all = GpObservations.From(trials, direction, nameof(EMMREvaluator));
        int n = all.Count, d = all.Dimensions;
        if (n < MinNTrials || d == 0)
        {
            return NoStop;
        }

        var y = GpSampler.Standardize(all.Values, out _, out _);
        var categorical = all.Space.Categorical;
        var points = all.Points;
        var earlierPoints = points[..((n - 1) * d)];
        var earlierY = y[..(n - 1)];
        GpKernelParams? start;
        lock (gate)
        {
            start = previous;
        }

        var earlier = GpFit.Fit(earlierPoints, earlierY, categorical, start, DeterministicObjective);
        var now = GpFit.Fit(points, y, categorical, earlier.Kernel, DeterministicObjective);
        lock (gate)
        {
            previous = now.Kernel;
        }

        // The earlier trials' posterior with the current kernel (the KL divergence needs one prior; the paper's 4.4).
        var earlierWithNowKernel = GpFit.Build(earlierPoints, earlierY, categorical, now.Kernel) ?? earlier;

        int best = ArgMax(y, n), earlierBest = ArgMax(y, n - 1);
        var thetaBest = all.Point(best);
        var thetaEarlierBest = all.Point(earlierBest);
        double covariance = best == earlierBest
            ? GpPosterior.At(now, thetaBest).Variance
            : GpPosterior.Covariance(now, thetaBest, thetaEarlierBest);
        var (meanLast, varianceLast) = GpPosterior.At(earlierWithNowKernel, all.Point(n - 1));
        double varianceEarlierBest = GpPosterior.At(now, thetaEarlierBest).Variance;
        var (meanBest, varianceBest) = GpPosterior.At(now, thetaBest);
        double meanEarlierBest = GpPosterior.At(earlier, thetaEarlierBest).Mean;
        double kappa = RegretBound.Standardized(earlier, all.Space, earlierPoints, n - 1, Delta, RegretBound.DefaultSamples, RegretBound.RandomFor(Seed, n));

        // Theorem 1: the change of the best point's mean and the expected gap between the two best points.
        double v = Math.Sqrt(Math.Max(1e-10, varianceBest - (2 * covariance) + varianceEarlierBest));
        double g = (meanBest - meanEarlierBest) / v;
        double term1 = meanEarlierBest - meanBest;
        double term2 = v * Math.Exp(NormalMath.LogPdf(g));
        double term3 = v * g * NormalMath.Ndtr(g);

        // Equation 4: the KL divergence between the posteriors before and after the latest observation.
        const double noise = GaussianProcess.MinimumNoiseVar;
        double kl = (0.5 * Math.Log(1 + (varianceLast / noise)))
            - (0.5 * varianceLast / (varianceLast + noise))
            + (0.5 * varianceLast * Math.Pow(y[n - 1] - meanLast, 2) / Math.Pow(varianceLast + noise, 2));
        double term4 = kappa * Math.Sqrt(0.5 * kl);
        return Math.Min(double.MaxValue * 0.5, term1 + term2 + term3 + term4);
    }

    private static int ArgMax(double[] values, int count)
    {
        int best = 0;
        for (int i = 1; i < count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
