namespace Astrolabe;

/// <summary>Options of <see cref="MedianPruner"/>, named as Optuna's <c>MedianPruner</c> arguments (same defaults).</summary>
public sealed record MedianPrunerOptions
{
    /// <summary>Pruning stays off until this many trials of the study are Complete (default 5).</summary>
    public int NStartupTrials { get; init; } = 5;

    /// <summary>Pruning stays off until the trial reports a step ≥ this (steps are assumed to start at 0; default 0).</summary>
    public int NWarmupSteps { get; init; }

    /// <summary>Steps between pruning checks, counted from the warm-up; a check without a report waits for the next report (default 1).</summary>
    public int IntervalSteps { get; init; } = 1;

    /// <summary>The fewest Complete trials that must have reported the current step before a trial can be pruned (default 1).</summary>
    public int NMinTrials { get; init; } = 1;
}
