namespace Astrolabe;

/// <summary>
/// An error that is a fixed fraction of the paired improvement evaluator's own early values (Optuna's
/// <c>MedianErrorEvaluator</c>, the heuristic of Ishibashi et al., 2023): after the first <see cref="WarmUpTrials"/>
/// Complete trials (in number order), the paired evaluator is run on the first i of the next
/// <see cref="NInitialTrials"/> for i = 2 … <see cref="NInitialTrials"/>, and the threshold is
/// <see cref="ThresholdRatio"/> times the median of those values. The study therefore stops once its room for
/// improvement has shrunk to that fraction of what it was early on, whatever the objective's units. Until there are
/// <see cref="WarmUpTrials"/> + <see cref="NInitialTrials"/> Complete trials the error is −<see cref="double.MaxValue"/>
/// (no stop). The threshold is computed once and then kept: use one instance per study. Thread-safe.
/// </summary>
/// <remarks>
/// Optuna also evaluates the slice of a single trial (i = 1), on which no model can be fitted: its EMMR returns its
/// "do not stop" value there. It is left out here, which moves the median by half a place at most.
/// </remarks>
public sealed class MedianErrorEvaluator : IErrorEvaluator
{
    private readonly Lock gate = new();
    private double? threshold;

    /// <summary>
    /// Pairs the evaluator with <paramref name="pairedImprovementEvaluator"/>, the terminator's improvement evaluator.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a negative warm-up, fewer than 2 initial trials, or a
    /// ratio that is not positive and finite.
    /// </summary>
    public MedianErrorEvaluator(IImprovementEvaluator pairedImprovementEvaluator, int warmUpTrials = 10, int nInitialTrials = 20, double thresholdRatio = 0.01)
    {
        ArgumentNullException.ThrowIfNull(pairedImprovementEvaluator);
        if (warmUpTrials < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmUpTrials), warmUpTrials, "The number of warm-up trials must not be negative.");
        }

        if (nInitialTrials < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(nInitialTrials), nInitialTrials, "The number of initial trials must be at least 2.");
        }

        if (!(thresholdRatio > 0 && double.IsFinite(thresholdRatio)))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdRatio), thresholdRatio, "The threshold ratio must be positive and finite.");
        }

        PairedImprovementEvaluator = pairedImprovementEvaluator;
        WarmUpTrials = warmUpTrials;
        NInitialTrials = nInitialTrials;
        ThresholdRatio = thresholdRatio;
    }

    /// <summary>The improvement evaluator whose early values set the threshold.</summary>
    public IImprovementEvaluator PairedImprovementEvaluator { get; }

    /// <summary>Complete trials left out before the initial ones (default 10).</summary>
    public int WarmUpTrials { get; }

    /// <summary>Complete trials whose growing prefixes are evaluated (default 20).</summary>
    public int NInitialTrials { get; }

    /// <summary>The threshold's fraction of the initial median (default 0.01).</summary>
    public double ThresholdRatio { get; }

    /// <summary>The threshold, or −<see cref="double.MaxValue"/> while there are too few Complete trials.</summary>
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        lock (gate)
        {
            if (threshold is { } known)
            {
                return known;
            }

            var complete = trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number).ToList();
            if (complete.Count < WarmUpTrials + NInitialTrials)
            {
                return -double.MaxValue;
            }

            var criteria = new List<double>();
            for (int i = 2; i <= NInitialTrials; i++)
            {
                criteria.Add(PairedImprovementEvaluator.Evaluate(complete.GetRange(WarmUpTrials, i), direction));
            }

            criteria.Sort();
            threshold = Math.Min(double.MaxValue, criteria[criteria.Count / 2] * ThresholdRatio);
            return threshold.Value;
        }
    }
}
