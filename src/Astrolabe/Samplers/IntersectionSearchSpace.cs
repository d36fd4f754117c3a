namespace Astrolabe;

/// <summary>
/// A study's intersection search space, as Optuna's <c>IntersectionSearchSpace</c>: the parameters that every trial
/// taken in has, each with the same distribution in all of them. Cached and incremental: finished trials never
/// change, so each trial is taken in once (by id) and a later call with the study's finished trials costs only the
/// new ones. The caller chooses which trials count (complete only, pruned too, single-objective ones). Every sampler
/// that samples a joint space uses it (multivariate TPE, CMA-ES, QMC). Not thread-safe; callers lock.
/// </summary>
internal sealed class IntersectionSearchSpace
{
    private readonly HashSet<long> seen = [];
    private Dictionary<string, Distribution>? space;

    /// <summary>
    /// The parameters common to every trial taken in, in the parameter order of the first trial taken in; null
    /// while none has been.
    /// </summary>
    public IReadOnlyDictionary<string, Distribution>? Space => space;

    /// <summary>How many trials have been taken in.</summary>
    public int Count => seen.Count;

    /// <summary>Changes whenever <see cref="Space"/> does (a memo of something derived from it compares it).</summary>
    public int Version { get; private set; }

    /// <summary>Takes in one trial; returns false, changing nothing, when it was taken in before.</summary>
    public bool Add(FrozenTrial trial)
    {
        if (!seen.Add(trial.TrialId))
        {
            return false;
        }

        if (space is null)
        {
            space = new Dictionary<string, Distribution>(trial.Distributions);
            Version++;
            return true;
        }

        foreach (var (name, distribution) in space)
        {
            if (!trial.Distributions.TryGetValue(name, out var other) || !other.Equals(distribution))
            {
                space.Remove(name);
                Version++;
            }
        }

        return true;
    }

    /// <summary>Takes in the trials not taken in before, in their order.</summary>
    public void Update(IEnumerable<FrozenTrial> trials)
    {
        foreach (var trial in trials)
        {
            Add(trial);
        }
    }

    /// <summary>
    /// The parameters of <paramref name="space"/> worth sampling jointly: all but those whose distribution has a single
    /// value (the study fixes them), in the order given.
    /// </summary>
    public static Dictionary<string, Distribution> Sampleable(IEnumerable<KeyValuePair<string, Distribution>>? space)
    {
        var result = new Dictionary<string, Distribution>();
        foreach (var (name, distribution) in space ?? [])
        {
            if (!distribution.IsSingle)
            {
                result[name] = distribution;
            }
        }

        return result;
    }

    /// <summary>Forgets every trial taken in (the sampler moved to another study).</summary>
    public void Clear()
    {
        seen.Clear();
        space = null;
        Version++;
    }
}
