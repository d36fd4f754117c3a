namespace Astrolabe.Optim;

/// <summary>
/// Adamax (Kingma and Ba, 2015) as <c>torch.optim.Adamax</c>: <c>m ← β1·m + (1 − β1)·g</c>,
/// <c>n ← max(β2·n, |g| + ε)</c>, <c>u = m / ((1 − β1^t)·n)</c>. State: buffers <c>"m"</c>, <c>"n"</c>; scalar <c>"count"</c>.
/// </summary>
public sealed class ScaleByAdamax : IGradientTransformation
{
    private readonly double beta1;
    private readonly float beta2;
    private readonly float eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the infinity norm, in [0, 1).</param>
    /// <param name="eps">Added to |g| inside the maximum, ≥ 0.</param>
    public ScaleByAdamax(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        this.beta1 = Check.Beta(beta1, nameof(beta1));
        this.beta2 = (float)Check.Beta(beta2, nameof(beta2));
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [M, N], [ScalarSlot.Count]);

    private static BufferSlot M { get; } = new("m");

    private static BufferSlot N { get; } = new("n");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        long t = state.Increment(ScalarSlot.Count);
        float b1 = (float)beta1, c1 = (float)(1 - beta1), inv = (float)(1 / (1 - Math.Pow(beta1, t)));
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> m = state.Buffer(M, i), n = state.Buffer(N, i);
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                m[j] = (b1 * m[j]) + (c1 * g);
                n[j] = MathF.Max(beta2 * n[j], MathF.Abs(g) + eps);
                u[j] = inv * m[j] / n[j];
            }
        }
    }
}
