namespace Astrolabe;

/// <summary>Options of <see cref="ParetoPruner"/>.</summary>
public sealed record ParetoPrunerOptions
{
    /// <summary>
    /// The share of the trials that reported the same step which must dominate a trial for it to be pruned, in (0, 1]
    /// (default 0.5: in one objective, the median rule).
    /// </summary>
    public double DominatedFraction { get; init; } = 0.5;

    /// <summary>Pruning stays off until this many trials of the study are Complete (default 5).</summary>
    public int NStartupTrials { get; init; } = 5;

    /// <summary>Pruning stays off until the trial reports a step ≥ this (default 0).</summary>
    public int NWarmupSteps { get; init; }

    /// <summary>The fewest finished trials that must have reported the step before a trial can be pruned (default 1).</summary>
    public int NMinTrials { get; init; } = 1;

    internal void Validate()
    {
        if (!(DominatedFraction > 0 && DominatedFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DominatedFraction), DominatedFraction, "The dominated fraction must be in (0, 1].");
        }

        if (NStartupTrials < 0 || NWarmupSteps < 0 || NMinTrials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NMinTrials), $"ParetoPruner needs NStartupTrials ≥ 0, NWarmupSteps ≥ 0 and NMinTrials ≥ 1; got {NStartupTrials}, {NWarmupSteps}, {NMinTrials}.");
        }
    }
}
