using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Astrolabe;

/// <summary>
/// The parent population of a genetic sampler, shared through the storage as Optuna shares it: every trial records
/// its generation as a system attribute when it starts; a generation is full once it has as many Complete trials as
/// the population size, and the parents of generation g + 1 are the elite of generation g's members and g's parents.
/// Each elite is cached as a study system attribute under a key that hashes the numbers of the trials still running
/// in the generations it covers, so workers in other processes reuse it instead of selecting again (and, with random
/// tie-breaking, all keep the same parents), and a later generation's entry replaces the previous one when nothing was
/// running.
/// </summary>
internal sealed class NsgaPopulation(string generationKey, string cachePrefix, int size, IEliteSelection selection)
{
    /// <summary>The system attribute holding a trial's generation.</summary>
    public string GenerationKey => generationKey;

    private const int MaxOpenStudies = 64;
    private readonly Lock gate = new();
    private readonly Dictionary<(IStorage Storage, int StudyId), Memo> memos = [];

    /// <summary>The latest full generation (−1 when none is) and its elite, the parents of the next one.</summary>
    public (int Generation, List<FrozenTrial> Parents) Collect(Study study, NsgaDominance dominance)
    {
        lock (gate)
        {
            return CollectLocked(study, dominance);
        }
    }

    private (int Generation, List<FrozenTrial> Parents) CollectLocked(Study study, NsgaDominance dominance)
    {
        var memo = MemoOf(study);
        int first = memo.Prefix;
        var fresh = study.TrialsFrom(first);

        // Trials before the memo's prefix are finished and already sorted into it; only the rest are read again.
        var tail = new Dictionary<int, List<FrozenTrial>>();
        var running = new Dictionary<int, List<FrozenTrial>>();
        bool extending = true;
        for (int j = 0; j < fresh.Count; j++)
        {
            var t = fresh[j];
            bool finished = t.State.IsFinished();
            if (GenerationOf(t) is { } g && t.State is TrialState.Complete or TrialState.Running)
            {
                var into = t.State == TrialState.Running ? running : extending ? memo.Members : tail;
                if (!into.TryGetValue(g, out var list))
                {
                    into[g] = list = [];
                }

                list.Add(t);
            }

            extending &= finished;
            if (extending)
            {
                memo.Prefix = first + j + 1;
            }
        }

        var members = memo.Members;
        if (tail.Count > 0)
        {
            members = new Dictionary<int, List<FrozenTrial>>(memo.Members);
            foreach (var (g, list) in tail)
            {
                members[g] = members.TryGetValue(g, out var known) ? [.. known, .. list] : list;
            }
        }

        // Created on first use: most trials find the settled chain's next generation not yet full (about 2 µs saved).
        IncrementalHash? hash = null;
        IReadOnlyDictionary<string, object?>? cache = null;

        // The settled chain: generations that nothing can join any more have parents that never change.
        var parents = memo.SettledParents;
        int parentGeneration = memo.SettledGeneration;
        bool settled = true;
        while (true)
        {
            int generation = parentGeneration + 1;
            if (!members.TryGetValue(generation, out var population) || population.Count < size)
            {
                break;
            }

            var stillRunning = running.GetValueOrDefault(generation) ?? [];
            settled &= stillRunning.Count == 0 && !tail.ContainsKey(generation);
            hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var t in stillRunning)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(t.Number.ToString(CultureInfo.InvariantCulture)));
            }

            string key = $"{cachePrefix}:{Convert.ToHexStringLower(hash.GetCurrentHash())}";
            cache ??= study.SystemAttrs;
            if (Cached(cache, key, study) is { } cached && cached.Generation >= generation)
            {
                (parentGeneration, parents) = cached;
                if (settled && cached.Generation == generation)
                {
                    (memo.SettledGeneration, memo.SettledParents) = (generation, parents);
                }

                continue;
            }

            var candidates = population.Concat(parents).Select(dominance.Of).ToList();
            parents = selection.Select(candidates, size, dominance, generation);
            parentGeneration = generation;
            if (stillRunning.Count == 0)
            {
                study.Storage.SetStudySystemAttr(study.StudyId, key, new List<object?> { generation, parents.Select(p => p.Number).ToList() });
            }

            if (settled)
            {
                (memo.SettledGeneration, memo.SettledParents) = (generation, parents);
            }
        }

        hash?.Dispose();
        return (parentGeneration, parents);
    }

    /// <summary>The generation a trial records, or null when it records none.</summary>
    public int? GenerationOf(FrozenTrial trial) =>
        trial.SystemAttrs.TryGetValue(generationKey, out var g) && g is not null and not string
            ? Convert.ToInt32(g, CultureInfo.InvariantCulture)
            : null;

    /// <summary>A cached elite (generation, trials), or null when the key is absent or its trials are not all known.</summary>
    private static (int Generation, List<FrozenTrial> Parents)? Cached(IReadOnlyDictionary<string, object?> cache, string key, Study study)
    {
        if (!cache.TryGetValue(key, out var entry) || entry is not System.Collections.IList { Count: 2 } pair
            || pair[0] is null || pair[1] is not System.Collections.IEnumerable numbers)
        {
            return null;
        }

        var byNumber = study.Trials;

        var parents = new List<FrozenTrial>();
        foreach (object? n in numbers)
        {
            int number = n is null ? -1 : Convert.ToInt32(n, CultureInfo.InvariantCulture);
            if (number < 0 || number >= byNumber.Count || byNumber[number].Number != number)
            {
                return null;
            }

            parents.Add(byNumber[number]);
        }

        return (Convert.ToInt32(pair[0], CultureInfo.InvariantCulture), parents);
    }

    private Memo MemoOf(Study study)
    {
        var key = (study.Storage, study.StudyId);
        if (!memos.TryGetValue(key, out var memo))
        {
            if (memos.Count >= MaxOpenStudies)
            {
                memos.Clear();
            }

            memos[key] = memo = new Memo();
        }

        return memo;
    }

    /// <summary>
    /// What never changes again: the Complete members by generation of the first <see cref="Prefix"/> trials, all of
    /// them finished (trials are listed in number order); and the latest generation of the chain from generation 0 in
    /// which every member was among those trials and none was running (no trial can join such a generation: a new
    /// trial takes the generation after the latest full one), with its parents.
    /// </summary>
    private sealed class Memo
    {
        public int Prefix { get; set; }

        public Dictionary<int, List<FrozenTrial>> Members { get; } = [];

        public int SettledGeneration { get; set; } = -1;

        public List<FrozenTrial> SettledParents { get; set; } = [];
    }
}
