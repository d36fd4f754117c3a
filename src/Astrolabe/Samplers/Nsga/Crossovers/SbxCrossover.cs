namespace Astrolabe;

/// <summary>
/// Simulated binary crossover (Deb and Agrawal 1995, Optuna's <c>SBXCrossover</c>, bounded so that children stay
/// inside the coordinates' bounds): per coordinate, with probability ½ one of the two SBX children (each with
/// probability ½), otherwise one of the parents' values.
/// </summary>
public sealed class SbxCrossover : NsgaCrossover
{
    /// <summary>
    /// Creates the crossover with distribution index <paramref name="eta"/> (null: 20 for several objectives, 2 for
    /// one, as Optuna); throws <see cref="ArgumentException"/> for a negative or non-finite value.
    /// </summary>
    public SbxCrossover(double? eta = null)
    {
        CrossoverArguments.CheckDistributionIndex(eta);
        Eta = eta;
    }

    /// <summary>The distribution index η (larger: children nearer their parents); null for Optuna's default.</summary>
    public double? Eta { get; }

    /// <inheritdoc />
    public override int ParentCount => 2;

    /// <inheritdoc />
    public override double[] Cross(IReadOnlyList<double[]> parents, IReadOnlyList<double> low, IReadOnlyList<double> high, bool multiObjective, Random rng)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(rng);
        double eta = Eta ?? (multiObjective ? 20.0 : 2.0);
        int n = parents[0].Length;
        var child = new double[n];
        var us = new double[n];
        for (int i = 0; i < n; i++)
        {
            us[i] = rng.NextDouble();
        }

        for (int i = 0; i < n; i++)
        {
            double x1 = parents[0][i], x2 = parents[1][i];
            double min = Math.Min(x1, x2), max = Math.Max(x1, x2);
            double diff = Math.Max(max - min, 1e-10);
            double alpha1 = 2 - Math.Pow(1 + (2 * (min - low[i]) / diff), -(eta + 1));
            double alpha2 = 2 - Math.Pow(1 + (2 * (high[i] - max) / diff), -(eta + 1));
            double c1 = 0.5 * (min + max - (Spread(us[i], alpha1, eta) * diff));
            double c2 = 0.5 * (min + max + (Spread(us[i], alpha2, eta) * diff));
            child[i] = rng.NextDouble() < 0.5
                ? (rng.NextDouble() < 0.5 ? c1 : c2)
                : (rng.NextDouble() < 0.5 ? x1 : x2);
        }

        return child;
    }

    // β_q of the bounded SBX, Deb and Agrawal's equation (3).
    private static double Spread(double u, double alpha, double eta) =>
        u > 1 / alpha ? Math.Pow(1 / (2 - (u * alpha)), 1 / (eta + 1)) : Math.Pow(u * alpha, 1 / (eta + 1));
}
