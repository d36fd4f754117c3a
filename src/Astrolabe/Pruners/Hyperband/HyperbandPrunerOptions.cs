namespace Astrolabe;

/// <summary>Options of <see cref="HyperbandPruner"/>, named as Optuna's <c>HyperbandPruner</c> arguments (same defaults).</summary>
public sealed record HyperbandPrunerOptions
{
    /// <summary>The steps a trial of the most aggressive bracket runs before its first rung (≥ 1, default 1).</summary>
    public int MinResource { get; init; } = 1;

    /// <summary>
    /// The most steps a trial runs (≥ MinResource). Null means Optuna's "auto": the largest last step of the
    /// first Complete trials plus one, estimated once per study and stored in it.
    /// </summary>
    public int? MaxResource { get; init; }

    /// <summary>The factor between rungs and between brackets (≥ 2, default 3).</summary>
    public int ReductionFactor { get; init; } = 3;

    /// <summary>Passed to each bracket's <see cref="SuccessiveHalvingPruner"/> (≥ 0, default 0); needs an explicit MaxResource.</summary>
    public int BootstrapCount { get; init; }

    internal void Validate()
    {
        const string owner = nameof(HyperbandPruner);
        if (MinResource < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinResource), MinResource, $"{owner}: MinResource must be at least 1.");
        }

        if (MaxResource < MinResource)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResource), MaxResource, $"{owner}: MaxResource must be at least MinResource ({MinResource}), or null for auto.");
        }

        if (BootstrapCount > 0 && MaxResource is null)
        {
            throw new ArgumentException($"{owner}: BootstrapCount > 0 needs an explicit MaxResource, not auto.", nameof(BootstrapCount));
        }

        new SuccessiveHalvingPrunerOptions { MinResource = MinResource, ReductionFactor = ReductionFactor, BootstrapCount = BootstrapCount }.Validate(owner);
    }
}
