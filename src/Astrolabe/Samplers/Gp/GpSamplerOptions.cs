namespace Astrolabe;

/// <summary>Options of <see cref="GpSampler"/>; names and defaults follow Optuna's <c>GPSampler</c>.</summary>
public sealed record GpSamplerOptions
{
    /// <summary>The seed; the same seed gives the same sequence of parameters in a sequential study.</summary>
    public int? Seed { get; init; }

    /// <summary>How many complete trials are sampled by <see cref="IndependentSampler"/> before the GP takes over (default 10).</summary>
    public int NStartupTrials { get; init; } = 10;

    /// <summary>
    /// Whether the objective is free of noise (default false): the GP's noise variance is then held at its minimum
    /// instead of being fitted, so it interpolates the observed values.
    /// </summary>
    public bool DeterministicObjective { get; init; }

    /// <summary>
    /// Constraint values of a finished trial (feasible when every value is ≤ 0), evaluated when a trial finishes and
    /// stored as its <c>constraints</c> system attribute (Optuna's). One GP per constraint models them; the
    /// acquisition is multiplied by the probability that all hold, and improvement counts over feasible trials only.
    /// Trials without stored constraint values are not learned from.
    /// </summary>
    public Func<FrozenTrial, IReadOnlyList<double>>? ConstraintsFunc { get; init; }

    /// <summary>
    /// The sampler of the start-up trials and of parameters outside the joint space (default: a univariate
    /// <see cref="TpeSampler"/> with the same seed and start-up count, which samples at random until then and learns
    /// the parameters of conditional branches afterwards; Optuna's default is a random sampler).
    /// </summary>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>How many quasi-random (scrambled Sobol) candidates the acquisition is first evaluated at (default 2048, Optuna's).</summary>
    public int NPreliminarySamples { get; init; } = 2048;

    /// <summary>How many of the best candidates a local search starts from (default 10, Optuna's).</summary>
    public int NLocalSearch { get; init; } = 10;

    internal void Validate()
    {
        if (NStartupTrials < 0)
        {
            throw new ArgumentException($"NStartupTrials must be at least 0, not {NStartupTrials}.");
        }

        if (NPreliminarySamples < 1)
        {
            throw new ArgumentException($"NPreliminarySamples must be at least 1, not {NPreliminarySamples}.");
        }

        if (NLocalSearch < 0)
        {
            throw new ArgumentException($"NLocalSearch must be at least 0, not {NLocalSearch}.");
        }
    }
}
