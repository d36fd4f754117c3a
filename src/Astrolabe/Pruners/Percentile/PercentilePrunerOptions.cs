namespace Astrolabe;

/// <summary>Options of <see cref="PercentilePruner"/>, named as Optuna's <c>PercentilePruner</c> arguments.</summary>
public sealed record PercentilePrunerOptions
{
    /// <summary>
    /// The percentile, 0 to 100 inclusive, of the Complete trials' values at the same step that a trial's best
    /// value must beat: with 25 the top 25 % are kept.
    /// </summary>
    public required double Percentile { get; init; }

    /// <summary>Pruning stays off until this many trials of the study are Complete (default 5).</summary>
    public int NStartupTrials { get; init; } = 5;

    /// <summary>Pruning stays off until the trial reports a step ≥ this (steps are assumed to start at 0; default 0).</summary>
    public int NWarmupSteps { get; init; }

    /// <summary>Steps between pruning checks, counted from the warm-up; a check without a report waits for the next report (default 1).</summary>
    public int IntervalSteps { get; init; } = 1;

    /// <summary>The fewest Complete trials that must have reported the current step before a trial can be pruned (default 1).</summary>
    public int NMinTrials { get; init; } = 1;

    internal void Validate(string owner)
    {
        if (!(Percentile is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(Percentile), Percentile, $"{owner}: Percentile must be between 0 and 100 inclusive.");
        }

        ValidateSchedule(owner, NStartupTrials, NWarmupSteps, IntervalSteps, NMinTrials);
    }

    internal static void ValidateSchedule(string owner, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials)
    {
        if (nStartupTrials < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NStartupTrials), nStartupTrials, $"{owner}: NStartupTrials cannot be negative.");
        }

        if (nWarmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NWarmupSteps), nWarmupSteps, $"{owner}: NWarmupSteps cannot be negative.");
        }

        if (intervalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntervalSteps), intervalSteps, $"{owner}: IntervalSteps must be at least 1.");
        }

        if (nMinTrials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NMinTrials), nMinTrials, $"{owner}: NMinTrials must be at least 1.");
        }
    }
}
