namespace Astrolabe;

/// <summary>Options of <see cref="AutoSampler"/>.</summary>
public sealed record AutoSamplerOptions
{
    /// <summary>The seed of every sampler it chooses among.</summary>
    public int? Seed { get; init; }

    /// <summary>Constraint values of a finished trial (feasible when every value is ≤ 0), handed to the GP, TPE and NSGA-II samplers.</summary>
    public Func<FrozenTrial, IReadOnlyList<double>>? ConstraintsFunc { get; init; }

    /// <summary>
    /// How many complete trials a study may have for the GP sampler to be chosen (default 250): a GP proposal grows
    /// as n² per trial (about 30 ms at 200 trials × 10 parameters) and its edge over TPE and CMA-ES is in small budgets.
    /// </summary>
    public int GpBudget { get; init; } = 250;

    internal void Validate()
    {
        if (GpBudget < 0)
        {
            throw new ArgumentException($"GpBudget must be at least 0, not {GpBudget}.");
        }
    }
}
