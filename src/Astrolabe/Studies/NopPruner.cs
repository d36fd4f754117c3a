namespace Astrolabe;

/// <summary>Never prunes. The default pruner of a study.</summary>
public sealed class NopPruner : Pruner
{
    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial) => false;
}
