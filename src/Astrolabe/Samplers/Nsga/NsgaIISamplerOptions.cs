namespace Astrolabe;

/// <summary>Options of <see cref="NsgaIISampler"/>; names and defaults follow Optuna's <c>NSGAIISampler</c>.</summary>
public sealed record NsgaIISamplerOptions
{
    /// <summary>The seed; the same seed gives the same sequence of parameters in a sequential study.</summary>
    public int? Seed { get; init; }

    /// <summary>How many trials make a generation (default 50, at least 2 and at least the crossover's parent count).</summary>
    public int PopulationSize { get; init; } = 50;

    /// <summary>The probability that each parameter of a child is drawn at random instead (default null: 1 / the number of parameters).</summary>
    public double? MutationProbability { get; init; }

    /// <summary>The probability that a child is a crossover of parents rather than a copy of one (default 0.9).</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>The probability that uniform crossover takes a parameter from the second parent (default 0.5; categorical parameters always use it).</summary>
    public double SwappingProbability { get; init; } = 0.5;

    /// <summary>
    /// The crossover of numeric parameters (default null: <see cref="UniformCrossover"/> with
    /// <see cref="SwappingProbability"/>); also <see cref="BlxAlphaCrossover"/>, <see cref="SbxCrossover"/>,
    /// <see cref="VsbxCrossover"/>, <see cref="UndxCrossover"/> and <see cref="SpxCrossover"/>.
    /// </summary>
    public NsgaCrossover? Crossover { get; init; }

    /// <summary>
    /// Constraint values of a finished trial (feasible when every value is ≤ 0), evaluated when a trial completes or is
    /// pruned and stored as its <c>constraints</c> system attribute; populations are then ranked by constrained
    /// domination. Every trial must get the same number of values, none NaN.
    /// </summary>
    public Func<FrozenTrial, IReadOnlyList<double>>? ConstraintsFunc { get; init; }

    internal NsgaSettings Validate() =>
        NsgaSettings.Validated(Seed, PopulationSize, MutationProbability, CrossoverProbability, SwappingProbability, Crossover, ConstraintsFunc);
}
