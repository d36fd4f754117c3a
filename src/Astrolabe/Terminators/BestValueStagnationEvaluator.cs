namespace Astrolabe;

/// <summary>
/// Room for improvement measured in trials (Optuna's <c>BestValueStagnationEvaluator</c>, 3.4+): how many more Complete
/// trials the study may run without improving its best value. With n Complete trials (in number order) of which the
/// s-th was the last to improve the best, the value is <see cref="MaxStagnationTrials"/> − (n − s), negative once the
/// allowance is spent. Paired with a <see cref="StaticErrorEvaluator"/> of 0 (the <see cref="Terminator"/>'s default
/// error for this evaluator, as in Optuna), the study stops after more than <see cref="MaxStagnationTrials"/> trials
/// without a new best. Stateless and thread-safe.
/// </summary>
public sealed class BestValueStagnationEvaluator : IImprovementEvaluator
{
    /// <summary>Creates the evaluator; throws <see cref="ArgumentOutOfRangeException"/> for a negative allowance.</summary>
    public BestValueStagnationEvaluator(int maxStagnationTrials = 30)
    {
        if (maxStagnationTrials < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxStagnationTrials), maxStagnationTrials, "The number of stagnation trials allowed must not be negative.");
        }

        MaxStagnationTrials = maxStagnationTrials;
    }

    /// <summary>The trials allowed without a new best value (Optuna's <c>max_stagnation_trials</c>, default 30).</summary>
    public int MaxStagnationTrials { get; }

    /// <summary>
    /// The trials left before the allowance is spent (negative once it is). Throws <see cref="ArgumentException"/>
    /// when there are no Complete trials or a Complete trial has no single finite value.
    /// </summary>
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        double sign = direction == StudyDirection.Maximize ? -1 : 1;
        int count = 0, lastBest = 0;
        double best = double.PositiveInfinity;
        foreach (var trial in trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number))
        {
            if (trial.Values is not [var value] || !double.IsFinite(value))
            {
                throw new ArgumentException($"Trial {trial.Number} has no single finite objective value; the stagnation evaluator needs one per Complete trial.", nameof(trials));
            }

            count++;
            if (sign * value < best)
            {
                best = sign * value;
                lastBest = count;
            }
        }

        if (count == 0)
        {
            throw new ArgumentException("The stagnation evaluator needs at least one Complete trial.", nameof(trials));
        }

        return MaxStagnationTrials - (count - lastBest);
    }
}
