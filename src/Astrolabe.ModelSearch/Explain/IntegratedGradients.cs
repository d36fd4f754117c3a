namespace Astrolabe.ModelSearch;

/// <summary>
/// Integrated gradients (Sundararajan, Taly and Yan 2017): the attribution of input <c>i</c> is
/// <c>(x_i − x′_i) ∫₀¹ ∂f/∂x_i(x′ + α (x − x′)) dα</c>, the integral taken with <see cref="Rule"/> over
/// <see cref="Steps"/> steps from the baseline <c>x′</c> (raw values; by default all zeros, a black image). The
/// attributions sum to <c>f(x) − f(x′)</c> (completeness) up to the integration error, which falls as the steps grow
/// (see <see cref="Attribution.RelativeCompletenessError"/>), and an input the model does not use gets exactly zero.
/// The class explained is fixed at the sample (by default its predicted class) along the whole path.
/// </summary>
public sealed class IntegratedGradients : IAttributionMethod
{
    /// <summary>Integration steps (default 50).</summary>
    public int Steps { get; init; } = 50;

    /// <summary>The quadrature rule (default <see cref="IntegrationRule.Adaptive"/>).</summary>
    public IntegrationRule Rule { get; init; } = IntegrationRule.Adaptive;

    /// <summary>The baseline in raw units, one value per input; null means all zeros.</summary>
    public IReadOnlyList<float>? Baseline { get; init; }

    /// <inheritdoc />
    public string Name => "integrated-gradients";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Steps"/> is not positive.</exception>
    public Attribution Explain(TrainedModel model, ReadOnlySpan<float> sample, AttributionTarget target)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Steps);
        ArgumentNullException.ThrowIfNull(Rule);
        var f = new ModelFunction(model, target);
        f.RequireSample(sample);
        int size = sample.Length;
        var baseline = Baseline is null ? new float[size] : [.. Baseline];
        if (baseline.Length != size)
        {
            throw new ArgumentException($"The baseline has {baseline.Length} values; the model takes {size}.");
        }

        var (atSample, _, classes) = f.Evaluate(sample);
        int? cls = model.IsClassification ? classes[0] : null;
        var (atBaseline, _, _) = f.Evaluate(baseline, cls);
        var direction = new double[size];
        for (int i = 0; i < size; i++)
        {
            direction[i] = sample[i] - (double)baseline[i];
        }

        (double[] Values, float[] Gradients) AlongPath(double[] alphas)
        {
            var path = new float[alphas.Length * size];
            for (int k = 0; k < alphas.Length; k++)
            {
                for (int i = 0; i < size; i++)
                {
                    path[(k * size) + i] = (float)(baseline[i] + (alphas[k] * direction[i]));
                }
            }

            var (values, gradients, _) = f.Evaluate(path, cls);
            return (values, gradients);
        }

        var values = Rule.IsAdaptive ? AdaptiveQuadrature.Integrate(Steps, size, direction, AlongPath) : Weighted(Rule.Points(Steps), size, AlongPath);
        for (int i = 0; i < size; i++)
        {
            values[i] *= direction[i];
        }

        return new Attribution(Name, values, [.. model.InputShape], cls, atSample[0], atBaseline[0]);
    }

    /// <summary>∫₀¹ ∇f dα by a fixed rule: the weighted sum of the gradients at its points.</summary>
    private static double[] Weighted((double[] Alphas, double[] Weights) rule, int size, Func<double[], (double[] Values, float[] Gradients)> alongPath)
    {
        var (_, gradients) = alongPath(rule.Alphas);
        var integral = new double[size];
        for (int k = 0; k < rule.Alphas.Length; k++)
        {
            for (int i = 0; i < size; i++)
            {
                integral[i] += rule.Weights[k] * gradients[(k * size) + i];
            }
        }

        return integral;
    }
}
