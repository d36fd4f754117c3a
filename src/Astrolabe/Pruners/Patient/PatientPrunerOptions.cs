namespace Astrolabe;

/// <summary>Options of <see cref="PatientPruner"/>, named as Optuna's <c>PatientPruner</c> arguments.</summary>
public sealed record PatientPrunerOptions
{
    /// <summary>The pruner asked once the trial has stopped improving; null: prune as soon as it stops improving.</summary>
    public Pruner? WrappedPruner { get; init; }

    /// <summary>How many reported steps without improvement to tolerate (≥ 0).</summary>
    public required int Patience { get; init; }

    /// <summary>The least change that counts as an improvement (≥ 0, default 0).</summary>
    public double MinDelta { get; init; }

    internal void Validate()
    {
        if (Patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "PatientPruner: Patience cannot be negative.");
        }

        if (!(MinDelta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "PatientPruner: MinDelta must be a number ≥ 0.");
        }
    }
}
