using System.Collections.Concurrent;

namespace Astrolabe.Dashboard;

/// <summary>
/// Snapshots of a storage's studies, re-read at most once per <c>maxAge</c> per study so that many browser
/// requests (and polling tabs) cost one storage read. Storages keep finished trials cached, so a refresh
/// of a large study costs time proportional to the number of trials, never quadratic. Thread-safe.
/// </summary>
public sealed class StudyCache
{
    private readonly IStorage storage;
    private readonly TimeSpan maxAge;
    private readonly ConcurrentDictionary<int, Entry> entries = new();

    /// <summary>Wraps a storage; snapshots older than <paramref name="maxAge"/> are re-read on the next request.</summary>
    public StudyCache(IStorage storage, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        this.storage = storage;
        this.maxAge = maxAge;
    }

    /// <summary>The storage read from.</summary>
    public IStorage Storage => storage;

    /// <summary>A snapshot of a study no older than the cache's maximum age.</summary>
    public StudySnapshot Get(int studyId)
    {
        var entry = entries.GetOrAdd(studyId, _ => new Entry());
        lock (entry)
        {
            if (entry.Snapshot is null || DateTime.UtcNow - entry.ReadAt > maxAge)
            {
                entry.Snapshot = StudySnapshot.Read(storage, studyId);
                entry.ReadAt = DateTime.UtcNow;
            }

            return entry.Snapshot;
        }
    }

    private sealed class Entry
    {
        public StudySnapshot? Snapshot { get; set; }

        public DateTime ReadAt { get; set; }
    }
}
