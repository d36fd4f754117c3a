namespace Astrolabe.ModelSearch;

/// <summary>
/// A quadrature rule for the path integral of <see cref="IntegratedGradients"/>: the points <c>α ∈ [0, 1]</c> at
/// which the gradient is taken along <c>x′ + α (x − x′)</c>, and their weights (summing to 1), for <c>m</c> steps.
/// The trapezoid rule takes <c>m + 1</c> points; the Riemann rules take <c>m</c>.
/// </summary>
public sealed class IntegrationRule
{
    private readonly Func<int, int, double> _alpha;
    private readonly Func<int, int, double> _weight;
    private readonly int _extraPoints;

    private IntegrationRule(string name, int extraPoints, Func<int, int, double> alpha, Func<int, int, double> weight)
    {
        Name = name;
        _extraPoints = extraPoints;
        _alpha = alpha;
        _weight = weight;
    }

    /// <summary>The trapezoid rule: <c>α_k = k/m</c>, k = 0…m, weights <c>1/m</c> with half at both ends (the default).</summary>
    public static IntegrationRule Trapezoid { get; } = new("trapezoid", 1, (k, m) => k / (double)m, (k, m) => (k == 0 || k == m ? 0.5 : 1) / m);

    /// <summary>The left Riemann sum: <c>α_k = k/m</c>, k = 0…m−1, weights <c>1/m</c> (the paper's, with the baseline end).</summary>
    public static IntegrationRule RiemannLeft { get; } = new("riemann-left", 0, (k, m) => k / (double)m, (_, m) => 1.0 / m);

    /// <summary>The right Riemann sum: <c>α_k = (k + 1)/m</c>, weights <c>1/m</c> (the form of Sundararajan et al. 2017, eq. 3).</summary>
    public static IntegrationRule RiemannRight { get; } = new("riemann-right", 0, (k, m) => (k + 1) / (double)m, (_, m) => 1.0 / m);

    /// <summary>The midpoint rule: <c>α_k = (k + ½)/m</c>, weights <c>1/m</c>.</summary>
    public static IntegrationRule RiemannMiddle { get; } = new("riemann-middle", 0, (k, m) => (k + 0.5) / m, (_, m) => 1.0 / m);

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>The points and weights for <paramref name="steps"/> steps.</summary>
    /// <param name="steps">The number of steps (positive).</param>
    /// <returns>The points <c>α</c> and their weights.</returns>
    public (double[] Alphas, double[] Weights) Points(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        int count = steps + _extraPoints;
        var alphas = new double[count];
        var weights = new double[count];
        for (int k = 0; k < count; k++)
        {
            alphas[k] = _alpha(k, steps);
            weights[k] = _weight(k, steps);
        }

        return (alphas, weights);
    }
}
