namespace Astrolabe;

/// <summary>
/// The room for improvement as an upper bound on the regret of the best trial found so far (Optuna's
/// <c>RegretBoundEvaluator</c>; Makarova et al., "Automatic termination for hyperparameter optimization", 2022), in the
/// objective's units. The best <see cref="TopTrialsRatio"/> of the Complete trials (at least <see cref="MinNTrials"/>,
/// all when there are fewer) are standardised and fitted by a Gaussian process (the GP sampler's model, inputs over the
/// intersection search space); the bound is max UCB over the search space minus max LCB over those trials, times the
/// values' standard deviation (see <see cref="RegretBound"/>). It shrinks as the model grows sure that no region of
/// the space beats the best trials. Each fit starts from the previous call's hyperparameters when the dimensions match
/// (as the GP sampler's refits do), so a terminator consulted after every trial refits in a few steps; the bound then
/// depends slightly on the calls before. Thread-safe.
/// </summary>
public sealed class RegretBoundEvaluator : IImprovementEvaluator
{
    private readonly Lock gate = new();
    private GpKernelParams? previous;

    /// <summary>
    /// Creates the evaluator. Throws <see cref="ArgumentOutOfRangeException"/> for a ratio outside (0, 1] or a minimum
    /// below 1. With a <paramref name="seed"/> the random points of the space depend only on it and the trial count.
    /// </summary>
    public RegretBoundEvaluator(double topTrialsRatio = 0.5, int minNTrials = 20, int? seed = null)
    {
        if (!(topTrialsRatio > 0 && topTrialsRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topTrialsRatio), topTrialsRatio, "The ratio of top trials must be in (0, 1].");
        }

        if (minNTrials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minNTrials), minNTrials, "The minimum number of trials must be at least 1.");
        }

        TopTrialsRatio = topTrialsRatio;
        MinNTrials = minNTrials;
        Seed = seed;
    }

    /// <summary>The share of the Complete trials, best first, that the model is fitted to (default 0.5, Optuna's).</summary>
    public double TopTrialsRatio { get; }

    /// <summary>The fewest trials the model is fitted to when there are that many (default 20, Optuna's).</summary>
    public int MinNTrials { get; }

    /// <summary>The seed of the random points of the space; null for a fresh one each time.</summary>
    public int? Seed { get; }

    /// <summary>
    /// The regret bound. Throws <see cref="ArgumentException"/> when fewer than two trials are Complete, when the
    /// Complete trials share no parameter with more than one value, or for a multi-objective study.
    /// </summary>
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction)
    {
        var all = GpObservations.From(trials, direction, nameof(RegretBoundEvaluator));
        Require(all, nameof(RegretBoundEvaluator), nameof(trials));
        var top = TopRows(all.Values, TopTrialsRatio, MinNTrials);
        var targets = GpSampler.Standardize([.. top.Select(i => all.Values[i])], out _, out double scale);

        // The standard deviation of the values (0 for a constant objective, whose standardised targets are all ~0).
        double std = scale * Math.Sqrt(targets.Average(z => z * z));
        var points = all.PointsOf(top);
        GpKernelParams? start;
        lock (gate)
        {
            start = previous;
        }

        var model = GpFit.Fit(points, targets, all.Space.Categorical, start, deterministic: false);
        lock (gate)
        {
            previous = model.Kernel;
        }

        return std * RegretBound.Standardized(model, all.Space, points, top.Count, RegretBound.DefaultDelta, RegretBound.DefaultSamples, RegretBound.RandomFor(Seed, all.Count));
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="evaluator"/> when the observations cannot carry a
    /// model: fewer than two, or no dimension.
    /// </summary>
    internal static void Require(GpObservations observations, string evaluator, string paramName)
    {
        if (observations.Count < 2)
        {
            throw new ArgumentException($"{evaluator} needs at least 2 Complete trials; the study has {observations.Count}.", paramName);
        }

        if (observations.Dimensions == 0)
        {
            throw new ArgumentException(
                $"{evaluator} needs a parameter common to all Complete trials with more than one value; the intersection search space is empty.", paramName);
        }
    }

    /// <summary>
    /// The rows of the best max(⌊n · ratio⌋, min(minimum, n)) values (to be maximised) in row order, with every row
    /// tied with the last one taken in as well (Optuna's <c>values ≥ k-th best</c>).
    /// </summary>
    internal static List<int> TopRows(double[] values, double ratio, int minimum)
    {
        int n = values.Length;
        int count = Math.Min(Math.Max((int)(n * ratio), minimum), n);
        double threshold = values.OrderDescending().ElementAt(count - 1);
        return [.. Enumerable.Range(0, n).Where(i => values[i] >= threshold)];
    }
}
