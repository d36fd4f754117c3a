namespace Astrolabe;

/// <summary>Options of <see cref="GridSampler"/>: the grid, as explicit values or as finite distributions.</summary>
public sealed record GridSamplerOptions
{
    /// <summary>Explicit values per parameter; the grid is every combination of them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object?>>? SearchSpace { get; init; }

    /// <summary>
    /// Finite distributions per parameter (ints, stepped floats, categoricals); every value of each is
    /// enumerated. Used when <see cref="SearchSpace"/> is null.
    /// </summary>
    public IReadOnlyDictionary<string, Distribution>? Distributions { get; init; }

    /// <summary>
    /// Shuffles the order in which grid points are visited. Without a seed points are visited in row-major
    /// order. Workers sharing a study must use the same grid and seed.
    /// </summary>
    public int? Seed { get; init; }
}
