namespace Astrolabe;

/// <summary>
/// Simplex crossover SPX (Tsutsui, Goldberg and Sastry 2000, Optuna's <c>SPXCrossover</c>), from three parents: a
/// uniform point of the parents' simplex expanded about its centroid by ε.
/// </summary>
public sealed class SpxCrossover : NsgaCrossover
{
    /// <summary>
    /// Creates the crossover; <paramref name="epsilon"/> null means √(n + 2) for n coordinates (Optuna's default).
    /// Throws <see cref="ArgumentException"/> for a negative or non-finite ε.
    /// </summary>
    public SpxCrossover(double? epsilon = null)
    {
        if (epsilon is { } e && (!double.IsFinite(e) || e < 0))
        {
            throw new ArgumentException("SPX's epsilon must be null or a finite number ≥ 0.", nameof(epsilon));
        }

        Epsilon = epsilon;
    }

    /// <summary>ε, the expansion rate; null for √(n + 2).</summary>
    public double? Epsilon { get; }

    /// <inheritdoc />
    public override int ParentCount => 3;

    /// <inheritdoc />
    public override double[] Cross(IReadOnlyList<double[]> parents, IReadOnlyList<double> low, IReadOnlyList<double> high, bool multiObjective, Random rng)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(rng);
        int count = ParentCount, n = parents[0].Length;
        var rs = new double[count - 1];
        for (int k = 0; k < rs.Length; k++)
        {
            rs[k] = Math.Pow(rng.NextDouble(), 1.0 / (k + 1));
        }

        double epsilon = Epsilon ?? Math.Sqrt(n + 2);
        var centroid = new double[n];
        foreach (var p in parents)
        {
            for (int i = 0; i < n; i++)
            {
                centroid[i] += p[i] / count;
            }
        }

        var expanded = parents.Select(p => centroid.Select((g, i) => g + (epsilon * (p[i] - g))).ToArray()).ToArray();
        var c = new double[n];
        for (int k = 1; k < count; k++)
        {
            for (int i = 0; i < n; i++)
            {
                c[i] = rs[k - 1] * (expanded[k - 1][i] - expanded[k][i] + c[i]);
            }
        }

        return [.. expanded[^1].Select((x, i) => x + c[i])];
    }
}
