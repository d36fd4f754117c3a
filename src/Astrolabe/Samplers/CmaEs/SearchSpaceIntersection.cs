namespace Astrolabe;

/// <summary>
/// The parameters (with identical distributions) common to every finished trial of a study, kept up to date
/// incrementally: finished trials never change, so each is intersected once. Not thread-safe; callers lock.
/// </summary>
internal sealed class SearchSpaceIntersection
{
    private readonly HashSet<long> seen = [];
    private IStorage? storage;
    private int studyId;
    private Dictionary<string, Distribution>? space;

    /// <summary>Intersects the trials not seen before; null while there is no trial at all.</summary>
    public IReadOnlyDictionary<string, Distribution>? Update(Study study, IEnumerable<FrozenTrial> trials)
    {
        if (!ReferenceEquals(storage, study.Storage) || studyId != study.StudyId)
        {
            storage = study.Storage;
            studyId = study.StudyId;
            seen.Clear();
            space = null;
        }

        foreach (var t in trials)
        {
            if (!seen.Add(t.TrialId))
            {
                continue;
            }

            if (space is null)
            {
                space = new Dictionary<string, Distribution>(t.Distributions);
                continue;
            }

            foreach (var (name, distribution) in space)
            {
                if (!t.Distributions.TryGetValue(name, out var other) || !other.Equals(distribution))
                {
                    space.Remove(name);
                }
            }
        }

        return space;
    }
}
