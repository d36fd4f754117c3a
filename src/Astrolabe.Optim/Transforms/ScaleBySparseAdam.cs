namespace Astrolabe.Optim;

/// <summary>
/// Adam for row-sparse gradients, exactly as <c>torch.optim.SparseAdam</c>: at step t, for the touched rows only,
/// <c>m ← m + (1−β1)(g − m)</c>, <c>v ← v + (1−β2)(g² − v)</c> and <c>u = √(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε)</c>; the
/// moments of untouched rows neither decay nor move, and their parameters do not change ("lazy" Adam).
/// </summary>
/// <remarks>
/// The bias correction uses the transformation's step count t (one per optimizer step, touched or not), as PyTorch's
/// per-parameter step does. Note where ε sits: added to √v, not to the bias-corrected √v̂ as in
/// <see cref="ScaleByAdam"/>. State: buffers <c>"m"</c>, <c>"v"</c>, scalar <c>"count"</c>.
/// </remarks>
public sealed class ScaleBySparseAdam : IGradientTransformation
{
    private readonly double beta1;
    private readonly double beta2;
    private readonly float eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to √v, ≥ 0.</param>
    public ScaleBySparseAdam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        this.beta1 = Check.Beta(beta1, nameof(beta1));
        this.beta2 = Check.Beta(beta2, nameof(beta2));
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
    }

    private static BufferSlot M { get; } = new("m");

    private static BufferSlot V { get; } = new("v");

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [M, V], [ScalarSlot.Count]);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">An update is not row-sparse: a dense gradient, or one that weight decay, a penalty or gradient accumulation made dense (use <see cref="ScaleByAdam"/> for those parameters).</exception>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        for (int i = 0; i < context.Count; i++)
        {
            if (!context.IsRowSparse(i))
            {
                throw new InvalidOperationException(
                    $"SparseAdam: the update of parameter '{context.Parameters[i].Name}' is dense (a dense gradient, or weight decay, a penalty or gradient accumulation made it dense); use Adam for it.");
            }
        }

        long t = state.Increment(ScalarSlot.Count);
        float c1 = (float)(1 - beta1), c2 = (float)(1 - beta2);
        float stepScale = (float)(Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t)));
        for (int i = 0; i < context.Count; i++)
        {
            var rows = context.RowIndices(i);
            int width = context.RowWidth(i);
            Span<float> u = context.MaterializeRows(i);
            float[] m = state.Buffer(M, i), v = state.Buffer(V, i);
            for (int r = 0; r < rows.Length; r++)
            {
                var ur = u.Slice(r * width, width);
                var mr = m.AsSpan(rows[r] * width, width);
                var vr = v.AsSpan(rows[r] * width, width);
                for (int j = 0; j < width; j++)
                {
                    float g = ur[j];
                    float mm = mr[j] + ((g - mr[j]) * c1);
                    float vv = vr[j] + (((g * g) - vr[j]) * c2);
                    mr[j] = mm;
                    vr[j] = vv;
                    ur[j] = stepScale * (mm / (MathF.Sqrt(vv) + eps));
                }
            }
        }

    }
}
