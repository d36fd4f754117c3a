namespace Astrolabe;

/// <summary>The low-discrepancy sequence a <see cref="QmcSampler"/> draws from (Optuna's <c>qmc_type</c>).</summary>
public enum QmcSequence
{
    /// <summary>Sobol's sequence with Joe–Kuo direction numbers (Optuna's "sobol", the default).</summary>
    Sobol,

    /// <summary>Halton's sequence, one prime base per dimension (Optuna's "halton").</summary>
    Halton,
}
