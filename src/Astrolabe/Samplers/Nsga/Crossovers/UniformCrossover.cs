namespace Astrolabe;

/// <summary>
/// Uniform crossover (Syswerda 1989, Optuna's <c>UniformCrossover</c>, the samplers' default): each coordinate is the
/// first parent's, or with probability <see cref="SwappingProbability"/> the second's.
/// </summary>
public sealed class UniformCrossover : NsgaCrossover
{
    /// <summary>Creates the crossover; throws <see cref="ArgumentException"/> for a probability outside [0, 1].</summary>
    public UniformCrossover(double swappingProbability = 0.5)
    {
        CrossoverArguments.CheckProbability(swappingProbability, "swappingProbability");
        SwappingProbability = swappingProbability;
    }

    /// <summary>The probability that a coordinate comes from the second parent.</summary>
    public double SwappingProbability { get; }

    /// <inheritdoc />
    public override int ParentCount => 2;

    /// <inheritdoc />
    public override double[] Cross(IReadOnlyList<double[]> parents, IReadOnlyList<double> low, IReadOnlyList<double> high, bool multiObjective, Random rng)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(rng);
        var child = new double[parents[0].Length];
        for (int i = 0; i < child.Length; i++)
        {
            child[i] = parents[rng.NextDouble() >= SwappingProbability ? 1 : 0][i];
        }

        return child;
    }
}
