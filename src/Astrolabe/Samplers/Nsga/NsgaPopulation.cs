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

    /// <summary>The latest full generation (−1 when none is) and its elite, the parents of the next one.</summary>
    public (int Generation, List<FrozenTrial> Parents) Collect(Study study, NsgaDominance dominance)
    {
        var trials = study.Trials;
        var members = new Dictionary<int, List<FrozenTrial>>();
        var running = new Dictionary<int, List<FrozenTrial>>();
        var byNumber = new Dictionary<int, FrozenTrial>(trials.Count);
        foreach (var t in trials)
        {
            byNumber[t.Number] = t;
            if (GenerationOf(t) is not { } g)
            {
                continue;
            }

            var into = t.State switch
            {
                TrialState.Complete => members,
                TrialState.Running => running,
                _ => null,
            };
            if (into is not null)
            {
                if (!into.TryGetValue(g, out var list))
                {
                    into[g] = list = [];
                }

                list.Add(t);
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IReadOnlyDictionary<string, object?>? cache = null;
        var parents = new List<FrozenTrial>();
        int parentGeneration = -1;
        while (true)
        {
            int generation = parentGeneration + 1;
            if (!members.TryGetValue(generation, out var population) || population.Count < size)
            {
                break;
            }

            var stillRunning = running.GetValueOrDefault(generation) ?? [];
            foreach (var t in stillRunning)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(t.Number.ToString(CultureInfo.InvariantCulture)));
            }

            string key = $"{cachePrefix}:{Convert.ToHexStringLower(hash.GetCurrentHash())}";
            cache ??= study.SystemAttrs;
            if (Cached(cache, key, byNumber) is { } cached && cached.Generation >= generation)
            {
                (parentGeneration, parents) = cached;
                continue;
            }

            var candidates = population.Concat(parents).Select(dominance.Of).ToList();
            parents = selection.Select(candidates, size, dominance, generation);
            parentGeneration = generation;
            if (stillRunning.Count == 0)
            {
                study.Storage.SetStudySystemAttr(study.StudyId, key, new List<object?> { generation, parents.Select(p => p.Number).ToList() });
            }
        }

        return (parentGeneration, parents);
    }

    /// <summary>The generation a trial records, or null when it records none.</summary>
    public int? GenerationOf(FrozenTrial trial) =>
        trial.SystemAttrs.TryGetValue(generationKey, out var g) && g is not null and not string
            ? Convert.ToInt32(g, CultureInfo.InvariantCulture)
            : null;

    /// <summary>A cached elite (generation, trials), or null when the key is absent or its trials are not all known.</summary>
    private static (int Generation, List<FrozenTrial> Parents)? Cached(IReadOnlyDictionary<string, object?> cache, string key, Dictionary<int, FrozenTrial> byNumber)
    {
        if (!cache.TryGetValue(key, out var entry) || entry is not System.Collections.IList { Count: 2 } pair
            || pair[0] is null || pair[1] is not System.Collections.IEnumerable numbers)
        {
            return null;
        }

        var parents = new List<FrozenTrial>();
        foreach (object? n in numbers)
        {
            if (n is null || !byNumber.TryGetValue(Convert.ToInt32(n, CultureInfo.InvariantCulture), out var t))
            {
                return null;
            }

            parents.Add(t);
        }

        return (Convert.ToInt32(pair[0], CultureInfo.InvariantCulture), parents);
    }
}
