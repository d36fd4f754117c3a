namespace Astrolabe.Optim;

/// <summary>
/// Lion (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms"): <c>u = sign(β1·m + (1 − β1)·g)</c>,
/// then <c>m ← β2·m + (1 − β2)·g</c>. State: buffer <c>"m"</c>, scalar <c>"count"</c>.
/// </summary>
public sealed class ScaleByLion : IGradientTransformation
{
    private readonly float beta1;
    private readonly float beta2;
    private readonly float c1;
    private readonly float c2;

    /// <summary>Creates the transformation.</summary>
    /// <param name="beta1">The interpolation used for the update's sign, in [0, 1).</param>
    /// <param name="beta2">The decay of the momentum, in [0, 1).</param>
    public ScaleByLion(double beta1 = 0.9, double beta2 = 0.99)
    {
        this.beta1 = (float)Check.Beta(beta1, nameof(beta1));
        this.beta2 = (float)Check.Beta(beta2, nameof(beta2));
        c1 = (float)(1 - beta1);
        c2 = (float)(1 - beta2);
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [M], [ScalarSlot.Count]);

    private static BufferSlot M { get; } = new("m");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        state.Increment(ScalarSlot.Count);
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> m = state.Buffer(M, i);
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                u[j] = MathF.Sign((beta1 * m[j]) + (c1 * g));
                m[j] = (beta2 * m[j]) + (c2 * g);
            }
        }
    }
}
