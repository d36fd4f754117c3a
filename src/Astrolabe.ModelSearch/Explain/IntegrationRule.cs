namespace Astrolabe.ModelSearch;

/// <summary>
/// A quadrature rule for the path integral of <see cref="IntegratedGradients"/>: the points <c>α ∈ [0, 1]</c> at
/// which the gradient is taken along <c>x′ + α (x − x′)</c>, and their weights (summing to 1), for <c>m</c> steps.
/// The trapezoid rule takes <c>m + 1</c> points; the Riemann rules take <c>m</c>. <see cref="Adaptive"/> (the default of
/// <see cref="IntegratedGradients"/>) also takes <c>m + 1</c> points, but places half of them where the path needs them.
/// </summary>
public sealed class IntegrationRule
{
    private readonly Func<int, int, double> _alpha;
    private readonly Func<int, int, double> _weight;
    private readonly int _extraPoints;

    private IntegrationRule(string name, int extraPoints, Func<int, int, double> alpha, Func<int, int, double> weight, bool adaptive = false)
    {
        Name = name;
        IsAdaptive = adaptive;
        _extraPoints = extraPoints;
        _alpha = alpha;
        _weight = weight;
    }

    /// <summary>
    /// Adaptive trapezoid: <c>m + 1</c> gradients in all, the first at <c>⌊m/2⌋ + 1</c> evenly spaced points, the rest at
    /// the midpoints of the intervals whose own completeness gap <c>f(α_b) − f(α_a) − (α_b − α_a)(f′(α_a) + f′(α_b))/2</c>
    /// (with <c>f′(α) = ∇f · (x − x′)</c>) is largest, up to eight at a time (those within half of the largest gap), the gaps recomputed after every
    /// round; then the trapezoid weights of the final, uneven grid. The gaps of the intervals add up to the whole
    /// path's completeness gap, so the points go where the gradient turns (a ReLU or a max-pool switching along the
    /// path), which a uniform grid of the same size misses. <see cref="Points"/> gives the starting grid.
    /// </summary>
    public static IntegrationRule Adaptive { get; } = new("adaptive", 1, (k, m) => k / (double)Math.Max(1, m / 2), (k, m) => (k == 0 || k == Math.Max(1, m / 2) ? 0.5 : 1) / Math.Max(1, m / 2), adaptive: true);

    /// <summary>The trapezoid rule: <c>α_k = k/m</c>, k = 0…m, weights <c>1/m</c> with half at both ends.</summary>
    public static IntegrationRule Trapezoid { get; } = new("trapezoid", 1, (k, m) => k / (double)m, (k, m) => (k == 0 || k == m ? 0.5 : 1) / m);

    /// <summary>The left Riemann sum: <c>α_k = k/m</c>, k = 0…m−1, weights <c>1/m</c> (the paper's, with the baseline end).</summary>
    public static IntegrationRule RiemannLeft { get; } = new("riemann-left", 0, (k, m) => k / (double)m, (_, m) => 1.0 / m);

    /// <summary>The right Riemann sum: <c>α_k = (k + 1)/m</c>, weights <c>1/m</c> (the form of Sundararajan et al. 2017, eq. 3).</summary>
    public static IntegrationRule RiemannRight { get; } = new("riemann-right", 0, (k, m) => (k + 1) / (double)m, (_, m) => 1.0 / m);

    /// <summary>The midpoint rule: <c>α_k = (k + ½)/m</c>, weights <c>1/m</c>.</summary>
    public static IntegrationRule RiemannMiddle { get; } = new("riemann-middle", 0, (k, m) => (k + 0.5) / m, (_, m) => 1.0 / m);

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>Whether the rule places further points after seeing the function on its starting grid (<see cref="Adaptive"/>).</summary>
    public bool IsAdaptive { get; }

    /// <summary>The points and weights for <paramref name="steps"/> steps (for <see cref="Adaptive"/>: of its starting grid).</summary>
    /// <param name="steps">The number of steps (positive).</param>
    /// <returns>The points <c>α</c> and their weights.</returns>
    public (double[] Alphas, double[] Weights) Points(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        int count = (IsAdaptive ? Math.Max(1, steps / 2) : steps) + _extraPoints;
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
