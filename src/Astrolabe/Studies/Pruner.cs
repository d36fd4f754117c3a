namespace Astrolabe;

/// <summary>
/// Decides whether a running trial should stop early, from its reported intermediate values and those of
/// the study's other trials. The decision must depend only on the storage's snapshot, never on the order
/// in which threads finish.
/// </summary>
public abstract class Pruner
{
    /// <summary>True when <paramref name="trial"/> (a snapshot of the running trial) should be pruned now.</summary>
    public abstract bool Prune(Study study, FrozenTrial trial);

    /// <summary>Whether the pruner judges trials of studies with several objectives (false unless it says so).</summary>
    public virtual bool SupportsMultiObjective => false;

    /// <summary>
    /// The members of <paramref name="trials"/> (past trials of <paramref name="study"/>, in their order) that a
    /// sampler should learn from when sampling <paramref name="trial"/>. All of them by default; a pruner that
    /// compares a trial only with some others narrows them to those (Hyperband: the trial's bracket).
    /// </summary>
    public virtual IReadOnlyList<FrozenTrial> FilterHistory(Study study, FrozenTrial trial, IReadOnlyList<FrozenTrial> trials) => trials;
}
