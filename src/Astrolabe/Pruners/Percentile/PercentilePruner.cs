namespace Astrolabe;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the given percentile of the Complete
/// trials' values at the trial's latest step (Optuna's <c>PercentilePruner</c>). Checks happen only after
/// <see cref="PercentilePrunerOptions.NStartupTrials"/> Complete trials, from step
/// <see cref="PercentilePrunerOptions.NWarmupSteps"/>, every <see cref="PercentilePrunerOptions.IntervalSteps"/>
/// steps, and when at least <see cref="PercentilePrunerOptions.NMinTrials"/> Complete trials reported that step.
/// A trial whose reports are all NaN is pruned. The decision is a function of the storage snapshot.
/// </summary>
public sealed class PercentilePruner : Pruner
{
    private readonly double percentile;
    private readonly int nStartupTrials;
    private readonly int nWarmupSteps;
    private readonly int intervalSteps;
    private readonly int nMinTrials;

    /// <summary>Creates the pruner; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public PercentilePruner(PercentilePrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(PercentilePruner));
        (percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials) =
            (options.Percentile, options.NStartupTrials, options.NWarmupSteps, options.IntervalSteps, options.NMinTrials);
    }

    internal PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) =>
        (this.percentile, this.nStartupTrials, this.nWarmupSteps, this.intervalSteps, this.nMinTrials) =
            (percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step || step < nWarmupSteps
            || !PruningSteps.IsFirstInInterval(step, trial.IntermediateValues.Keys, nWarmupSteps, intervalSteps))
        {
            return false;
        }

        var completed = study.GetTrials(TrialState.Complete);
        if (completed.Count == 0 || completed.Count < nStartupTrials)
        {
            return false;
        }

        var direction = study.Direction;
        double best = PruningSteps.BestIntermediate(trial, direction);
        if (double.IsNaN(best))
        {
            return true;
        }

        var atStep = new List<double>();
        foreach (var t in completed)
        {
            if (t.IntermediateValues.TryGetValue(step, out double v))
            {
                atStep.Add(v);
            }
        }

        if (atStep.Count < nMinTrials)
        {
            return false;
        }

        double threshold = PruningSteps.Percentile(atStep, direction == StudyDirection.Maximize ? 100 - percentile : percentile);
        if (double.IsNaN(threshold))
        {
            return false;
        }

        return direction == StudyDirection.Maximize ? best < threshold : best > threshold;
    }
}
