namespace Astrolabe;

/// <summary>
/// Exhaustive search of a finite define-by-run space, conditional parameters included: each parameter
/// takes a value whose subtree of the search tree (built from earlier trials with the same preceding
/// choices) still has unexplored leaves; the study stops once every path has been tried. Parallel workers
/// may occasionally try a path twice; use <see cref="GridSampler"/> when that must never happen.
/// </summary>
public sealed class BruteForceSampler : Sampler
{
    private static readonly TrialState[] Finished = [TrialState.Complete, TrialState.Pruned, TrialState.Fail];
    private static readonly TrialState[] Counted = [.. Finished, TrialState.Running];
    private readonly Lock gate = new();
    private Random rng;

    /// <summary>Creates the sampler.</summary>
    public BruteForceSampler(BruteForceSamplerOptions? options = null)
    {
        rng = SeededRandom.Create(options?.Seed);
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var candidates = FiniteValues.Internal(name, distribution);
        var root = SearchTree.Build(study.GetTrials(Counted).Where(t => t.TrialId != trial.TrialId), trial.InternalParams);
        root.Expand(name, candidates);
        var open = candidates.Where(v => root.UnexploredBelow(v) > 0).ToList();
        lock (gate)
        {
            var pool = open.Count > 0 ? open : candidates;
            return pool[rng.Next(pool.Count)];
        }
    }

    /// <inheritdoc />
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var others = study.GetTrials(Finished).Where(t => t.TrialId != trial.TrialId).Append(trial);
        if (SearchTree.Build(others, new Dictionary<string, double>()).Unexplored() == 0)
        {
            study.Stop();
        }
    }

    /// <inheritdoc />
    public override void Reseed(int? seed)
    {
        lock (gate)
        {
            rng = SeededRandom.Create(seed);
        }
    }
}
