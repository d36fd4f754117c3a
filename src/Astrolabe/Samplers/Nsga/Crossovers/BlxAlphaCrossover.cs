namespace Astrolabe;

/// <summary>
/// Blend crossover BLX-α (Eshelman and Schaffer 1992, Optuna's <c>BLXAlphaCrossover</c>): each coordinate uniform in
/// the parents' interval widened by α times its length at both ends.
/// </summary>
public sealed class BlxAlphaCrossover : NsgaCrossover
{
    /// <summary>Creates the crossover; throws <see cref="ArgumentException"/> for a negative or non-finite α.</summary>
    public BlxAlphaCrossover(double alpha = 0.5)
    {
        if (!double.IsFinite(alpha) || alpha < 0)
        {
            throw new ArgumentException("BLX-α's alpha must be a finite number ≥ 0.", nameof(alpha));
        }

        Alpha = alpha;
    }

    /// <summary>α: how far beyond the parents' interval, in units of its length, a child may fall.</summary>
    public double Alpha { get; }

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
            double min = Math.Min(parents[0][i], parents[1][i]), max = Math.Max(parents[0][i], parents[1][i]);
            double spread = Alpha * (max - min);
            child[i] = min - spread + (rng.NextDouble() * (max - min + (2 * spread)));
        }

        return child;
    }
}
