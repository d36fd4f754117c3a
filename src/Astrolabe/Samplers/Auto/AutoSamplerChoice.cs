namespace Astrolabe;

/// <summary>The sampler <see cref="AutoSampler"/> chose for a trial.</summary>
public enum AutoSamplerChoice
{
    /// <summary><see cref="GpSampler"/>: small budgets of numeric (and a few categorical) parameters.</summary>
    Gp,

    /// <summary><see cref="TpeSampler"/> (multivariate, grouped, constant liar): conditional or categorical-heavy spaces, and large budgets CMA-ES cannot take.</summary>
    Tpe,

    /// <summary><see cref="CmaEsSampler"/>: long single-objective, unconstrained runs over two or more numeric parameters.</summary>
    CmaEs,

    /// <summary><see cref="NsgaIISampler"/>: long runs of several objectives, with or without constraints.</summary>
    NsgaII,
}
