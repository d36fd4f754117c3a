namespace Astrolabe;

/// <summary>
/// The median stopping rule: prunes a trial whose best intermediate value so far is worse than the median
/// of the Complete trials' values at the same step. A <see cref="PercentilePruner"/> at the 50th percentile,
/// with the same warm-up, interval and minimum-trials rules (Optuna's <c>MedianPruner</c>).
/// </summary>
public sealed class MedianPruner : Pruner
{
    private readonly PercentilePruner inner;

    /// <summary>Creates the pruner (Optuna's defaults when <paramref name="options"/> is null).</summary>
    public MedianPruner(MedianPrunerOptions? options = null)
    {
        options ??= new MedianPrunerOptions();
        PercentilePrunerOptions.ValidateSchedule(nameof(MedianPruner), options.NStartupTrials, options.NWarmupSteps, options.IntervalSteps, options.NMinTrials);
        inner = new PercentilePruner(50, options.NStartupTrials, options.NWarmupSteps, options.IntervalSteps, options.NMinTrials);
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial) => inner.Prune(study, trial);
}
