using System.Globalization;

namespace Astrolabe;

/// <summary>
/// Exhaustive search over every combination of a finite grid. Each new trial atomically reserves the next
/// grid point through the storage's study counter, so parallel threads and processes never evaluate a
/// point twice, and the study stops when the grid is exhausted. A failed trial's point is not retried.
/// </summary>
public sealed class GridSampler : Sampler, IReservingSampler
{
    private const string CounterKey = "grid";
    private readonly string[] names;
    private readonly IReadOnlyList<object?>[] values;
    private readonly long[] order;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for an empty or infinite grid.</summary>
    public GridSampler(GridSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var space = options.SearchSpace ?? Enumerate(options.Distributions
            ?? throw new ArgumentException("A grid sampler needs SearchSpace or Distributions."));
        if (space.Count == 0)
        {
            throw new ArgumentException("A grid needs at least one parameter.");
        }

        names = [.. space.Keys.Order(StringComparer.Ordinal)];
        values = new IReadOnlyList<object?>[names.Length];
        long size = 1;
        for (int i = 0; i < names.Length; i++)
        {
            var list = space[names[i]];
            if (list is null || list.Count == 0)
            {
                throw new ArgumentException($"The grid of parameter '{names[i]}' is empty.");
            }

            _ = new CategoricalDistribution(list); // validates types and duplicates
            values[i] = list;
            size = checked(size * list.Count);
        }

        order = new long[size];
        for (long i = 0; i < size; i++)
        {
            order[i] = i;
        }

        if (options.Seed is { } seed)
        {
            new Random(seed).Shuffle(order);
        }
    }

    /// <summary>How many points the grid has.</summary>
    public long GridSize => order.Length;

    /// <inheritdoc />
    public bool TryReserve(Study study, out IReadOnlyDictionary<string, object?>? systemAttrs)
    {
        ArgumentNullException.ThrowIfNull(study);
        long index = study.Storage.NextCounterValue(study.StudyId, CounterKey);
        if (index >= order.Length)
        {
            systemAttrs = null;
            return false;
        }

        systemAttrs = new Dictionary<string, object?> { [SystemAttrKeys.GridId] = order[index] };
        return true;
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        int p = Array.IndexOf(names, name);
        if (p < 0)
        {
            throw new ArgumentException($"Parameter '{name}' is not in the grid (grid parameters: {string.Join(", ", names)}).");
        }

        if (!trial.SystemAttrs.TryGetValue(SystemAttrKeys.GridId, out var gridId) || gridId is null)
        {
            throw new InvalidOperationException($"Trial {trial.Number} has no grid point; it was not created by this study's grid sampler.");
        }

        object? value = PointValue(Convert.ToInt64(gridId, CultureInfo.InvariantCulture), p);
        double internalValue = distribution.ToInternal(value);
        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException($"The grid value {CategoricalDistribution.Describe(value)} of parameter '{name}' lies outside {distribution}.");
        }

        return internalValue;
    }

    private object? PointValue(long gridId, int parameter)
    {
        for (int i = names.Length - 1; i > parameter; i--)
        {
            gridId /= values[i].Count;
        }

        return values[parameter][(int)(gridId % values[parameter].Count)];
    }

    private static Dictionary<string, IReadOnlyList<object?>> Enumerate(IReadOnlyDictionary<string, Distribution> distributions) =>
        distributions.ToDictionary(kv => kv.Key, kv => FiniteValues.Of(kv.Key, kv.Value));
}
