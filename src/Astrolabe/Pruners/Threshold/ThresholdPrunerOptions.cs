namespace Astrolabe;

/// <summary>Options of <see cref="ThresholdPruner"/>, named as Optuna's <c>ThresholdPruner</c> arguments. Give <see cref="Lower"/>, <see cref="Upper"/> or both.</summary>
public sealed record ThresholdPrunerOptions
{
    /// <summary>A trial whose latest value falls below this is pruned (null: no lower bound).</summary>
    public double? Lower { get; init; }

    /// <summary>A trial whose latest value rises above this is pruned (null: no upper bound).</summary>
    public double? Upper { get; init; }

    /// <summary>Pruning stays off until the trial reports a step ≥ this (default 0).</summary>
    public int NWarmupSteps { get; init; }

    /// <summary>Steps between pruning checks, counted from the warm-up (default 1).</summary>
    public int IntervalSteps { get; init; } = 1;

    internal void Validate()
    {
        const string owner = nameof(ThresholdPruner);
        if (Lower is null && Upper is null)
        {
            throw new ArgumentException($"{owner}: give Lower, Upper or both.");
        }

        if (Lower is { } l && double.IsNaN(l))
        {
            throw new ArgumentException($"{owner}: Lower cannot be NaN.", nameof(Lower));
        }

        if (Upper is { } u && double.IsNaN(u))
        {
            throw new ArgumentException($"{owner}: Upper cannot be NaN.", nameof(Upper));
        }

        if (Lower > Upper)
        {
            throw new ArgumentException($"{owner}: Lower ({Lower}) must not exceed Upper ({Upper}).");
        }

        PercentilePrunerOptions.ValidateSchedule(owner, 0, NWarmupSteps, IntervalSteps, 1);
    }
}
