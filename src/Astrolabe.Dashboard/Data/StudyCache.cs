using System.Collections.Concurrent;

namespace Astrolabe.Dashboard;

/// <summary>
/// Snapshots of the studies a reader reads, re-read at most once per <c>maxAge</c> per study so that many browser
/// requests (and polling tabs) cost one storage read. Storages keep finished trials cached, so a refresh
/// of a large study costs time proportional to the number of trials, never quadratic. Thread-safe.
/// </summary>
public sealed class StudyCache
{
    private readonly IStudyReader storage;
    private readonly TimeSpan maxAge;
    private readonly ConcurrentDictionary<int, Entry> entries = new();

    /// <summary>Reads through <paramref name="storage"/>; snapshots older than <paramref name="maxAge"/> are re-read on the next request.</summary>
    public StudyCache(IStudyReader storage, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        this.storage = storage;
        this.maxAge = maxAge;
    }

    /// <summary>The reader of the storage.</summary>
    public IStudyReader Reader => storage;

    /// <summary>A snapshot of a study no older than the cache's maximum age.</summary>
    public StudySnapshot Get(int studyId)
    {
        var entry = entries.GetOrAdd(studyId, _ => new Entry());
        lock (entry)
        {
            if (entry.Snapshot is null)
            {
                entry.Snapshot = StudySnapshot.Read(storage, studyId);
                entry.ReadAt = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - entry.ReadAt > maxAge)
            {
                entry.Snapshot = Refresh(entry.Snapshot);
                entry.ReadAt = DateTime.UtcNow;
            }

            return entry.Snapshot;
        }
    }

    /// <summary>
    /// A newer snapshot. Finished trials never change, so when no trial was added only the unfinished ones
    /// (a handful: one per worker) are re-read; a full read happens only when trials were added.
    /// </summary>
    private StudySnapshot Refresh(StudySnapshot old)
    {
        if (storage.GetTrialCount(old.StudyId) != old.Trials.Count)
        {
            return StudySnapshot.Read(storage, old.StudyId);
        }

        var changed = new List<FrozenTrial>();
        foreach (var t in old.Trials)
        {
            if (!t.State.IsFinished())
            {
                var now = storage.GetTrial(t.TrialId);
                if (now.State != t.State || now.IntermediateValues.Count != t.IntermediateValues.Count || now.InternalParams.Count != t.InternalParams.Count)
                {
                    changed.Add(now);
                }
            }
        }

        return changed.Count == 0 ? old : old.WithUpdated(changed);
    }

    private sealed class Entry
    {
        public StudySnapshot? Snapshot { get; set; }

        public DateTime ReadAt { get; set; }
    }
}
