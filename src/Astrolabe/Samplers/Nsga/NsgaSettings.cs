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
            CrossoverArguments.CheckProbability(mutation, "MutationProbability");
        }

        CrossoverArguments.CheckProbability(crossoverProbability, "CrossoverProbability");
        CrossoverArguments.CheckProbability(swappingProbability, "SwappingProbability");
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
}
