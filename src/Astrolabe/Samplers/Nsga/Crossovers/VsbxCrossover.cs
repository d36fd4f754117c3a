namespace Astrolabe;

/// <summary>
/// Modified simulated binary crossover vSBX (Ballester and Carter 2003, Optuna's <c>VSBXCrossover</c>), which can
/// reach every region of the space: per coordinate, with probability ½ one of the two vSBX children (each with
/// probability ½), otherwise one of the parents' values.
/// </summary>
public sealed class VsbxCrossover : NsgaCrossover
{
    /// <summary>
    /// Creates the crossover with distribution index <paramref name="eta"/> (null: 20 for several objectives, 2 for
    /// one, as Optuna); throws <see cref="ArgumentException"/> for a negative or non-finite value.
    /// </summary>
    public VsbxCrossover(double? eta = null)
    {
        CrossoverArguments.CheckDistributionIndex(eta);
        Eta = eta;
    }

    /// <summary>The distribution index η; null for Optuna's default.</summary>
    public double? Eta { get; }

    /// <inheritdoc />
    public override int ParentCount => 2;

    /// <inheritdoc />
    public override double[] Cross(IReadOnlyList<double[]> parents, IReadOnlyList<double> low, IReadOnlyList<double> high, bool multiObjective, Random rng)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(rng);
        double eta = Eta ?? (multiObjective ? 20.0 : 2.0);
        int n = parents[0].Length;
        var us = new double[n];
        for (int i = 0; i < n; i++)
        {
            us[i] = rng.NextDouble();
        }

        var child = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = parents[0][i], x2 = parents[1][i];
            double beta1 = Math.Pow(0.5 * us[i], 1 / (eta + 1));
            double beta2 = Math.Pow(0.5 * (1 - us[i]), 1 / (eta + 1));
            bool upper = us[i] > 0.5;
            double c1 = upper
                ? 0.5 * (((1 - beta1) * x1) + ((1 + beta1) * x2))
                : 0.5 * (((1 + beta1) * x1) + ((1 - beta1) * x2));
            double c2 = upper
                ? 0.5 * ((-(1 - beta2) * x1) + ((3 - beta2) * x2))
                : 0.5 * (((3 - beta2) * x1) - ((1 - beta2) * x2));
            child[i] = rng.NextDouble() < 0.5
                ? (rng.NextDouble() < 0.5 ? c1 : c2)
                : (rng.NextDouble() < 0.5 ? x1 : x2);
        }

        return child;
    }
}
