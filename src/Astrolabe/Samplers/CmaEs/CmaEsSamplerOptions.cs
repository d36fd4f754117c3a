namespace Astrolabe;

/// <summary>Options of <see cref="CmaEsSampler"/>, with the names of Optuna's <c>CmaEsSampler</c>.</summary>
public sealed record CmaEsSamplerOptions
{
    /// <summary>The initial mean, by parameter name in user-facing values (default: the centre of the space).</summary>
    public IReadOnlyDictionary<string, double>? X0 { get; init; }

    /// <summary>The initial step size, in the normalised space where every parameter spans [0, 1] (default 1/6).</summary>
    public double? Sigma0 { get; init; }

    /// <summary>How many finished trials the independent sampler produces before CMA-ES starts (default 1).</summary>
    public int NStartupTrials { get; init; } = 1;

    /// <summary>Samples categorical parameters and anything outside the joint space; a seeded <see cref="RandomSampler"/> by default.</summary>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>Whether to log a warning (once) when a parameter is sampled by the independent sampler.</summary>
    public bool WarnIndependentSampling { get; init; } = true;

    /// <summary>The seed; the same seed gives the same evolution in a sequential study.</summary>
    public int? Seed { get; init; }

    /// <summary>Whether pruned trials with a value count as solutions (default false).</summary>
    public bool ConsiderPrunedTrials { get; init; }

    /// <summary>The restart strategy, or null for no restarts (the default).</summary>
    public CmaRestartStrategy? RestartStrategy { get; init; }

    /// <summary>The factor by which a restart grows the population (IPOP and BIPOP's large runs; default 2).</summary>
    public int IncPopsize { get; init; } = 2;

    /// <summary>The population size λ (default 4 + ⌊3 ln n⌋).</summary>
    public int? PopulationSize { get; init; }

    /// <summary>Whether to use the separable (diagonal covariance) variant.</summary>
    public bool UseSeparableCma { get; init; }

    /// <summary>Whether to use CMA-ES with margin for integer and stepped parameters.</summary>
    public bool WithMargin { get; init; }

    /// <summary>Whether to adapt the learning rates (full covariance only).</summary>
    public bool LrAdapt { get; init; }

    /// <summary>Finished trials of an earlier, similar study to warm-start from (WS-CMA-ES: the initial distribution is fitted to their best 10%).</summary>
    public IReadOnlyList<FrozenTrial>? SourceTrials { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid combination.</summary>
    internal void Validate()
    {
        if (RestartStrategy is { } strategy && !Enum.IsDefined(strategy))
        {
            throw new ArgumentException($"Unknown RestartStrategy '{strategy}'; use {nameof(CmaRestartStrategy.Ipop)}, {nameof(CmaRestartStrategy.Bipop)} or null.");
        }

        if (IncPopsize < 1)
        {
            throw new ArgumentException($"IncPopsize must be at least 1, not {IncPopsize}.");
        }

        if (PopulationSize is < 2)
        {
            throw new ArgumentException($"PopulationSize must be at least 2, not {PopulationSize}.");
        }

        if (Sigma0 is { } s && !(s > 0 && double.IsFinite(s)))
        {
            throw new ArgumentException($"Sigma0 must be a positive finite number, not {s}.");
        }

        if (NStartupTrials < 0)
        {
            throw new ArgumentException($"NStartupTrials must not be negative, not {NStartupTrials}.");
        }

        if (UseSeparableCma && WithMargin)
        {
            throw new ArgumentException("UseSeparableCma and WithMargin cannot be combined.");
        }

        if (LrAdapt && (UseSeparableCma || WithMargin))
        {
            throw new ArgumentException("LrAdapt works with the full-covariance CMA-ES only, not with UseSeparableCma or WithMargin.");
        }

        if (SourceTrials is not null && (X0 is not null || Sigma0 is not null))
        {
            throw new ArgumentException("SourceTrials sets the initial distribution; it cannot be combined with X0 or Sigma0.");
        }

        if (SourceTrials is not null && UseSeparableCma)
        {
            throw new ArgumentException("SourceTrials cannot be combined with UseSeparableCma.");
        }
    }
}
