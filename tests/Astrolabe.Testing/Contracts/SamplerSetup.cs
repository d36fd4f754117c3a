namespace Astrolabe.Testing.Contracts;

/// <summary>One sampler configuration the sampler contract runs.</summary>
/// <param name="Name">The configuration's name, as the matrix shows it.</param>
/// <param name="Create">Creates the sampler with a seed.</param>
/// <param name="FiniteOnly">True for samplers that only handle finite spaces (grid, brute force).</param>
public sealed record SamplerSetup(string Name, Func<int, Sampler> Create, bool FiniteOnly = false)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
