namespace Astrolabe.Optim;

/// <summary>
/// NAdam (Dozat, 2016) with momentum decay, as <c>torch.optim.NAdam</c>: <c>μ_t = β1(1 − ½·0.96^(t·ψ))</c>,
/// <c>u = (1 − μ_t)/(1 − Πμ)·g/d + μ_{t+1}/(1 − Πμ·μ_t·μ_{t+1})·m/d</c> with <c>d = √(v/(1 − β2^t)) + ε</c>.
/// PyTorch 1.13 multiplies μ_t twice into the product of the second term (<c>Πμ·μ_t·μ_{t+1}</c>); this
/// reproduces it. State: buffers <c>"m"</c>, <c>"v"</c>; scalars <c>"count"</c>, <c>"mu_product"</c> (Πμ).
/// </summary>
public sealed class ScaleByNAdam : IGradientTransformation
{
    private readonly double beta1;
    private readonly double beta2;
    private readonly float eps;
    private readonly double momentumDecay;

    /// <summary>Creates the transformation.</summary>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator, ≥ 0.</param>
    /// <param name="momentumDecay">ψ, the momentum decay, ≥ 0.</param>
    public ScaleByNAdam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double momentumDecay = 4e-3)
    {
        this.beta1 = Check.Beta(beta1, nameof(beta1));
        this.beta2 = Check.Beta(beta2, nameof(beta2));
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
        this.momentumDecay = Check.NonNegative(momentumDecay, nameof(momentumDecay));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [M, V], [ScalarSlot.Count, MuProduct]);

    private static BufferSlot M { get; } = new("m");

    private static BufferSlot V { get; } = new("v");

    private static ScalarSlot MuProduct { get; } = new("mu_product", 1);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        long t = state.Increment(ScalarSlot.Count);
        double mu = beta1 * (1 - (0.5 * Math.Pow(0.96, t * momentumDecay)));
        double muNext = beta1 * (1 - (0.5 * Math.Pow(0.96, (t + 1) * momentumDecay)));
        double product = state[MuProduct] *= mu;
        float cg = (float)((1 - mu) / (1 - product)), cm = (float)(muNext / (1 - (product * mu * muNext)));
        float b1 = (float)beta1, b2 = (float)beta2, c1 = (float)(1 - beta1), c2 = (float)(1 - beta2), invBias2 = (float)(1 / (1 - Math.Pow(beta2, t)));
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> m = state.Buffer(M, i), v = state.Buffer(V, i);
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                m[j] = (b1 * m[j]) + (c1 * g);
                v[j] = (b2 * v[j]) + (c2 * g * g);
                float d = MathF.Sqrt(v[j] * invBias2) + eps;
                u[j] = (cg * g / d) + (cm * m[j] / d);
            }
        }
    }
}
