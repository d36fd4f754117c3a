namespace Astrolabe;

/// <summary>Options of <see cref="NsgaIIISampler"/>; names and defaults follow Optuna's <c>NSGAIIISampler</c>.</summary>
public sealed record NsgaIIISamplerOptions
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

    /// <summary>The crossover of numeric parameters (default null: <see cref="UniformCrossover"/> with <see cref="SwappingProbability"/>).</summary>
    public NsgaCrossover? Crossover { get; init; }

    /// <summary>
    /// Constraint values of a finished trial (feasible when every value is ≤ 0), stored as its <c>constraints</c>
    /// system attribute; populations are then ranked by constrained domination. Every trial must get the same number
    /// of values, none NaN.
    /// </summary>
    public Func<FrozenTrial, IReadOnlyList<double>>? ConstraintsFunc { get; init; }

    /// <summary>
    /// The reference points, one vector of non-negative numbers per point with one value per objective, in the
    /// normalised objective space (default null: Das and Dennis's points with <see cref="DividingParameter"/> divisions).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? ReferencePoints { get; init; }

    /// <summary>The number of divisions of each objective for the default reference points (default 3, Optuna's).</summary>
    public int DividingParameter { get; init; } = 3;

    internal (NsgaSettings Settings, double[][]? ReferencePoints) Validate()
    {
        var settings = NsgaSettings.Validated(Seed, PopulationSize, MutationProbability, CrossoverProbability, SwappingProbability, Crossover, ConstraintsFunc);
        if (DividingParameter < 1)
        {
            throw new ArgumentException($"DividingParameter must be at least 1, not {DividingParameter}.");
        }

        if (ReferencePoints is null)
        {
            return (settings, null);
        }

        if (ReferencePoints.Count == 0 || ReferencePoints.Any(p => p is null || p.Count == 0 || p.Count != ReferencePoints[0].Count))
        {
            throw new ArgumentException("ReferencePoints must hold at least one point, every point with the same number (≥ 1) of values.");
        }

        if (ReferencePoints.Any(p => p.Any(v => !double.IsFinite(v) || v < 0) || p.All(v => v == 0)))
        {
            throw new ArgumentException("Every reference point must be finite, non-negative and not all zero.");
        }

        return (settings, [.. ReferencePoints.Select(p => p.ToArray())]);
    }
}
