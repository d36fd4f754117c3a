namespace Astrolabe;

/// <summary>
/// Tolerates a trial that has stopped improving for up to <see cref="PatientPrunerOptions.Patience"/> steps
/// (Optuna's <c>PatientPruner</c>): the reported values are split into the last Patience + 1 and those
/// before; when the best of the recent ones is not better than the best of the earlier ones by more than
/// <see cref="PatientPrunerOptions.MinDelta"/>, the wrapped pruner decides (or the trial is pruned when there
/// is none). Otherwise the trial is kept. NaN values are ignored; with no non-NaN value on a side nothing is pruned.
/// </summary>
public sealed class PatientPruner : Pruner
{
    private readonly Pruner? wrapped;
    private readonly int patience;
    private readonly double minDelta;

    /// <summary>Creates the pruner; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public PatientPruner(PatientPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (wrapped, patience, minDelta) = (options.WrappedPruner, options.Patience, options.MinDelta);
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        int count = trial.IntermediateValues.Count;
        if (count <= patience + 1)
        {
            return false;
        }

        var values = trial.IntermediateValues.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray();
        var direction = study.Direction;
        double before = PruningSteps.Best(values.Take(count - patience - 1), direction);
        double recent = PruningSteps.Best(values.Skip(count - patience - 1), direction);
        bool stalled = direction == StudyDirection.Minimize ? before + minDelta < recent : before - minDelta > recent;
        return stalled && (wrapped?.Prune(study, trial) ?? true);
    }
}
