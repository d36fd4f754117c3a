namespace Astrolabe;

/// <summary>Options of <see cref="WilcoxonPruner"/>, named as Optuna's <c>WilcoxonPruner</c> arguments (same defaults).</summary>
public sealed record WilcoxonPrunerOptions
{
    /// <summary>
    /// A trial is pruned when the one-sided p-value that it is worse than the best trial falls below this
    /// (0 to 1, default 0.1). Larger prunes more. The test is repeated as steps arrive, so the chance of pruning
    /// a trial that is in truth as good as the best is about twice this.
    /// </summary>
    public double PThreshold { get; init; } = 0.1;

    /// <summary>No trial is pruned before it shares this many steps with the best trial (≥ 0, default 0).</summary>
    public int NStartupSteps { get; init; }

    internal void Validate()
    {
        if (!(PThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PThreshold), PThreshold, "WilcoxonPruner: PThreshold must be between 0 and 1.");
        }

        if (NStartupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NStartupSteps), NStartupSteps, "WilcoxonPruner: NStartupSteps cannot be negative.");
        }
    }
}
