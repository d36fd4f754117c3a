using System.Globalization;

namespace Astrolabe;

/// <summary>
/// What the sampler needs from a study's finished trials, kept up to date incrementally (finished trials never
/// change, so each is read once): the parameters with identical distributions common to all of them (the shared
/// <see cref="IntersectionSearchSpace"/>), and the trials of each (restart, generation). Not thread-safe; callers lock.
/// </summary>
internal sealed class SolutionIndex
{
    private readonly string restartKey;
    private readonly string generationKey;
    private readonly IntersectionSearchSpace intersection = new();
    private readonly Dictionary<(long Restart, long Generation), List<FrozenTrial>> generations = [];
    private IStorage? storage;
    private int studyId;

    public SolutionIndex(string restartKey, string generationKey)
    {
        this.restartKey = restartKey;
        this.generationKey = generationKey;
    }

    /// <summary>The common parameters; null while there is no finished trial.</summary>
    public IReadOnlyDictionary<string, Distribution>? Space => intersection.Space;

    /// <summary>
    /// Reads the trials not seen before. <paramref name="trials"/> is every finished trial in number order, so
    /// it holds all seen ones and the new ones are its surplus over them; they are searched from the end
    /// (where they almost always are) and the search stops when all are found.
    /// </summary>
    public void Update(Study study, IReadOnlyList<FrozenTrial> trials)
    {
        if (!ReferenceEquals(storage, study.Storage) || studyId != study.StudyId)
        {
            storage = study.Storage;
            studyId = study.StudyId;
            intersection.Clear();
            generations.Clear();
        }

        int fresh = trials.Count - intersection.Count;
        for (int i = trials.Count - 1; i >= 0 && fresh > 0; i--)
        {
            var t = trials[i];
            if (!intersection.Add(t))
            {
                continue;
            }

            fresh--;

            if (Attr(t, restartKey) is { } r && Attr(t, generationKey) is { } g)
            {
                if (!generations.TryGetValue((r, g), out var bucket))
                {
                    generations[(r, g)] = bucket = [];
                }

                bucket.Add(t);
            }
        }
    }

    /// <summary>The finished trials of one generation, in number order.</summary>
    public IEnumerable<FrozenTrial> Generation(long restart, long generation) =>
        generations.TryGetValue((restart, generation), out var bucket) ? bucket.OrderBy(t => t.Number) : [];

    private static long? Attr(FrozenTrial t, string key) =>
        t.SystemAttrs.TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
}
