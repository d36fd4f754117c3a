namespace Astrolabe.Optim;

/// <summary>
/// Rectified Adam (Liu et al., 2020) as <c>torch.optim.RAdam</c>: with <c>ρ∞ = 2/(1 − β2) − 1</c> and
/// <c>ρ_t = ρ∞ − 2t·β2^t/(1 − β2^t)</c>, the update is <c>m̂·r·√(1 − β2^t)/(√v + ε)</c> when <c>ρ_t &gt; 5</c>
/// (r the variance rectification), else <c>m̂</c>. State: buffers <c>"m"</c>, <c>"v"</c>; scalar <c>"count"</c>.
/// </summary>
public sealed class ScaleByRAdam : IGradientTransformation
{
    private readonly double beta1;
    private readonly double beta2;
    private readonly float eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator, ≥ 0.</param>
    public ScaleByRAdam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        this.beta1 = Check.Beta(beta1, nameof(beta1));
        this.beta2 = Check.Beta(beta2, nameof(beta2));
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [M, V], [ScalarSlot.Count]);

    private static BufferSlot M { get; } = new("m");

    private static BufferSlot V { get; } = new("v");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        long t = state.Increment(ScalarSlot.Count);
        double bias1 = 1 - Math.Pow(beta1, t), bias2 = 1 - Math.Pow(beta2, t);
        double rhoInf = (2 / (1 - beta2)) - 1;
        double rhoT = rhoInf - (2 * t * Math.Pow(beta2, t) / bias2);
        bool rectify = rhoT > 5;
        double rect = rectify ? Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
        float invBias1 = (float)(1 / bias1), numerator = (float)(rect * Math.Sqrt(bias2));
        float b1 = (float)beta1, b2 = (float)beta2, c1 = (float)(1 - beta1), c2 = (float)(1 - beta2);
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> m = state.Buffer(M, i), v = state.Buffer(V, i);
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                m[j] = (b1 * m[j]) + (c1 * g);
                v[j] = (b2 * v[j]) + (c2 * g * g);
                float mHat = m[j] * invBias1;
                u[j] = rectify ? mHat * numerator / (MathF.Sqrt(v[j]) + eps) : mHat;
            }
        }
    }
}
