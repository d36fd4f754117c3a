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
}
