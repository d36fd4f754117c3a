namespace Astrolabe;

/// <summary>Options of <see cref="QmcSampler"/>, named after Optuna's <c>QMCSampler</c>.</summary>
public sealed record QmcSamplerOptions
{
    /// <summary>The sequence: <see cref="QmcSequence.Sobol"/> (default) or <see cref="QmcSequence.Halton"/>.</summary>
    public QmcSequence QmcType { get; init; } = QmcSequence.Sobol;

    /// <summary>
    /// Whether to scramble the sequence (default true): nested uniform (Owen) scrambling for Sobol, random
    /// digit permutations for Halton, both drawn from <see cref="Seed"/>. Scrambled sequences keep their first
    /// point; unscrambled ones skip it (it is the origin).
    /// </summary>
    public bool Scramble { get; init; } = true;

    /// <summary>The seed of the scrambling and of the independent sampler. Parallel processes need the same seed to share one sequence.</summary>
    public int? Seed { get; init; }

    /// <summary>Samples parameters outside the first trial's search space; a seeded <see cref="RandomSampler"/> by default.</summary>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>Whether to log a warning (once) when a parameter is sampled by the independent sampler.</summary>
    public bool WarnIndependentSampling { get; init; } = true;
}
