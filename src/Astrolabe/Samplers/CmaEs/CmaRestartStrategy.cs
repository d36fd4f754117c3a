namespace Astrolabe;

/// <summary>How a <see cref="CmaEsSampler"/> starts a new run when the current one has stalled (Optuna's <c>restart_strategy</c>).</summary>
public enum CmaRestartStrategy
{
    /// <summary>IPOP: restart from a random mean with the population multiplied by <see cref="CmaEsSamplerOptions.IncPopsize"/> (Optuna's "ipop").</summary>
    Ipop,

    /// <summary>BIPOP: alternate large-population runs (as IPOP) with small ones of random population and step size (Optuna's "bipop").</summary>
    Bipop,
}
