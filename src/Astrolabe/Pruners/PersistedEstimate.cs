using System.Collections.Concurrent;

namespace Astrolabe;

/// <summary>
/// A value a pruner estimates once per study from the first finished trials ("auto" resources) and then
/// keeps: stored as a study system attribute so every worker, thread or process, uses the same value and
/// decisions stay a function of the storage's content. One caller, elected with a storage counter, writes
/// it; the others read it back, or use their own estimate for the moment when it is not written yet.
/// </summary>
internal sealed class PersistedEstimate(string key)
{
    private readonly ConcurrentDictionary<(IStorage Storage, int StudyId), long> known = new();

    public string Key => key;

    /// <summary>The stored value, or a new estimate (null when there is nothing to estimate from yet).</summary>
    public long? Get(Study study, Func<long?> estimate)
    {
        var id = (study.Storage, study.StudyId);
        if (known.TryGetValue(id, out long value))
        {
            return value;
        }

        if (Stored(study) is { } stored)
        {
            return known.GetOrAdd(id, stored);
        }

        if (estimate() is not { } fresh)
        {
            return null;
        }

        if (study.Storage.NextCounterValue(study.StudyId, key) == 0)
        {
            study.SetSystemAttr(key, fresh);
            return known.GetOrAdd(id, fresh);
        }

        return Stored(study) is { } written ? known.GetOrAdd(id, written) : fresh;
    }

    private long? Stored(Study study) =>
        study.SystemAttrs.TryGetValue(key, out var v) && v is not null ? (long)PruningSteps.AttrToDouble(v) : null;
}
