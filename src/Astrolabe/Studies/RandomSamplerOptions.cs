namespace Astrolabe;

/// <summary>Options of <see cref="RandomSampler"/>.</summary>
public sealed record RandomSamplerOptions
{
    /// <summary>The seed; the same seed gives the same sequence of parameters in a sequential study.</summary>
    public int? Seed { get; init; }
}
