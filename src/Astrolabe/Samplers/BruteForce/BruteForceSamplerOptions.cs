namespace Astrolabe;

/// <summary>Options of <see cref="BruteForceSampler"/>.</summary>
public sealed record BruteForceSamplerOptions
{
    /// <summary>The seed for the order in which unexplored values are tried.</summary>
    public int? Seed { get; init; }
}
