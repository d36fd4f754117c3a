namespace Astrolabe;

/// <summary>Options of <see cref="SuccessiveHalvingPruner"/>, named as Optuna's <c>SuccessiveHalvingPruner</c> arguments (same defaults).</summary>
public sealed record SuccessiveHalvingPrunerOptions
{
    /// <summary>
    /// The steps a trial runs before its first rung (≥ 1). Null means Optuna's "auto": the largest last step
    /// of the first Complete trials divided by 100 (at least 1), estimated once per study and stored in it.
    /// </summary>
    public int? MinResource { get; init; }

    /// <summary>The factor between rungs: a trial is promoted when it is in the top 1/ReductionFactor of its rung (≥ 2, default 4).</summary>
    public int ReductionFactor { get; init; } = 4;

    /// <summary>Shifts the first rung to MinResource · ReductionFactor^this steps (≥ 0, default 0).</summary>
    public int MinEarlyStoppingRate { get; init; }

    /// <summary>A trial is pruned at a rung until more than this many trials have reached the rung (≥ 0, default 0); needs an explicit MinResource.</summary>
    public int BootstrapCount { get; init; }

    internal void Validate(string owner)
    {
        if (MinResource < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinResource), MinResource, $"{owner}: MinResource must be at least 1, or null for auto.");
        }

        if (ReductionFactor < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ReductionFactor), ReductionFactor, $"{owner}: ReductionFactor must be at least 2.");
        }

        if (MinEarlyStoppingRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinEarlyStoppingRate), MinEarlyStoppingRate, $"{owner}: MinEarlyStoppingRate cannot be negative.");
        }

        if (BootstrapCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BootstrapCount), BootstrapCount, $"{owner}: BootstrapCount cannot be negative.");
        }

        if (BootstrapCount > 0 && MinResource is null)
        {
            throw new ArgumentException($"{owner}: BootstrapCount > 0 needs an explicit MinResource, not auto.", nameof(BootstrapCount));
        }
    }
}
