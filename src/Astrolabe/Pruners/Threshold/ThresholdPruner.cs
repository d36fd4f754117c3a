namespace Astrolabe;

/// <summary>
/// Prunes a trial whose latest intermediate value leaves [<see cref="ThresholdPrunerOptions.Lower"/>,
/// <see cref="ThresholdPrunerOptions.Upper"/>] or is NaN, at the checks the warm-up and interval allow
/// (Optuna's <c>ThresholdPruner</c>). It looks at the trial alone, never at other trials.
/// </summary>
public sealed class ThresholdPruner : Pruner
{
    private readonly double lower;
    private readonly double upper;
    private readonly int nWarmupSteps;
    private readonly int intervalSteps;

    /// <summary>Creates the pruner; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public ThresholdPruner(ThresholdPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        lower = options.Lower ?? double.NegativeInfinity;
        upper = options.Upper ?? double.PositiveInfinity;
        nWarmupSteps = options.NWarmupSteps;
        intervalSteps = options.IntervalSteps;
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step || step < nWarmupSteps
            || !PruningSteps.IsFirstInInterval(step, trial.IntermediateValues.Keys, nWarmupSteps, intervalSteps))
        {
            return false;
        }

        double latest = trial.IntermediateValues[step];
        return double.IsNaN(latest) || latest < lower || latest > upper;
    }
}
