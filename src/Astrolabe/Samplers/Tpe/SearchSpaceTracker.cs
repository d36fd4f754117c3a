namespace Astrolabe;

/// <summary>
/// The search spaces multivariate TPE samples jointly, kept up to date incrementally from the complete and
/// pruned trials of one study (each trial is read once): the intersection (parameters with the same
/// distribution in every trial, the shared <see cref="IntersectionSearchSpace"/>) and its group decomposition
/// (sets of parameters that always appear together).
/// </summary>
internal sealed class SearchSpaceTracker
{
    private readonly IntersectionSearchSpace intersection = new();
    private List<Dictionary<string, Distribution>> groups = [];

    /// <summary>The parameters present with one distribution in every trial seen, by name.</summary>
    public IReadOnlyDictionary<string, Distribution> Intersection => intersection.Space ?? new Dictionary<string, Distribution>();

    /// <summary>The groups: disjoint parameter sets, each always present or absent together.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Groups => groups;

    /// <summary>Takes in the trials not seen yet.</summary>
    public void Update(IReadOnlyList<FrozenTrial> finished)
    {
        foreach (var trial in finished)
        {
            if (intersection.Add(trial))
            {
                AddToGroups(trial.Distributions);
            }
        }
    }

    // Optuna's _SearchSpaceGroup.add_distributions: split every group by the trial's parameters.
    private void AddToGroups(IReadOnlyDictionary<string, Distribution> distributions)
    {
        var remaining = new HashSet<string>(distributions.Keys);
        var next = new List<Dictionary<string, Distribution>>();
        foreach (var group in groups)
        {
            next.Add(group.Where(kv => remaining.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
            next.Add(group.Where(kv => !remaining.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
            remaining.ExceptWith(group.Keys);
        }

        next.Add(remaining.ToDictionary(name => name, name => distributions[name]));
        groups = next.Where(g => g.Count > 0).ToList();
    }
}
