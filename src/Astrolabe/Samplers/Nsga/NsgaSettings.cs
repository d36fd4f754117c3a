namespace Astrolabe;

/// <summary>The options <see cref="NsgaIISampler"/> and <see cref="NsgaIIISampler"/> share, validated once.</summary>
internal sealed record NsgaSettings
{
    public required int? Seed { get; init; }

    public required int PopulationSize { get; init; }

    public required double? MutationProbability { get; init; }

    public required double CrossoverProbability { get; init; }

    public required double SwappingProbability { get; init; }

    public required NsgaCrossover Crossover { get; init; }

    public required Func<FrozenTrial, IReadOnlyList<double>>? ConstraintsFunc { get; init; }

    /// <summary>Checks the options, naming the first bad one; the crossover defaults to uniform with the swapping probability.</summary>
    public static NsgaSettings Validated(
        int? seed, int populationSize, double? mutationProbability, double crossoverProbability, double swappingProbability, NsgaCrossover? crossover, Func<FrozenTrial, IReadOnlyList<double>>? constraintsFunc)
    {
        if (populationSize < 2)
        {
            throw new ArgumentException($"PopulationSize must be at least 2, not {populationSize}.");
        }

        if (mutationProbability is { } mutation)
        {
            CheckProbability(mutation, "MutationProbability");
        }

        CheckProbability(crossoverProbability, "CrossoverProbability");
        CheckProbability(swappingProbability, "SwappingProbability");
        crossover ??= new UniformCrossover(swappingProbability);
        if (populationSize < crossover.ParentCount)
        {
            throw new ArgumentException($"PopulationSize must be at least {crossover.ParentCount} for {crossover}, which takes {crossover.ParentCount} parents; it is {populationSize}.");
        }

        return new NsgaSettings
        {
            Seed = seed,
            PopulationSize = populationSize,
            MutationProbability = mutationProbability,
            CrossoverProbability = crossoverProbability,
            SwappingProbability = swappingProbability,
            Crossover = crossover,
            ConstraintsFunc = constraintsFunc,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> unless <paramref name="value"/> is in [0, 1].</summary>
    public static void CheckProbability(double value, string name)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentException($"{name} must be a probability in [0, 1], not {value}.");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless a distribution index is null or a finite number ≥ 0.</summary>
    public static void CheckDistributionIndex(double? eta)
    {
        if (eta is { } e && (!double.IsFinite(e) || e < 0))
        {
            throw new ArgumentException($"The distribution index eta must be null or a finite number ≥ 0, not {e}.");
        }
    }
}
