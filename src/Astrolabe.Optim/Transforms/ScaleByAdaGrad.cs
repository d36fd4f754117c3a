namespace Astrolabe.Optim;

/// <summary>
/// AdaGrad (Duchi et al., 2011) as <c>torch.optim.Adagrad</c>: <c>s ← s + g²</c>,
/// <c>u = g / (√s + ε) / (1 + (t − 1)·lrDecay)</c>. State: buffer <c>"sum"</c> (s), scalar <c>"count"</c>.
/// </summary>
/// <remarks>
/// A row-sparse update (an embedding with sparse gradients) is handled like PyTorch's sparse path: only the touched
/// rows' s and updates are computed, which is exactly the dense result, since an untouched row's update is 0 and its
/// s unchanged. (PyTorch refuses weight decay with sparse gradients; here weight decay makes the update dense and the
/// whole table is processed.)
/// </remarks>
public sealed class ScaleByAdaGrad : IGradientTransformation
{
    private readonly double lrDecay;
    private readonly float initialAccumulator;
    private readonly float eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="lrDecay">The learning-rate decay, ≥ 0.</param>
    /// <param name="initialAccumulatorValue">The initial value of s, ≥ 0.</param>
    /// <param name="eps">Added to the denominator, ≥ 0.</param>
    public ScaleByAdaGrad(double lrDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
    {
        this.lrDecay = Check.NonNegative(lrDecay, nameof(lrDecay));
        initialAccumulator = (float)Check.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [new BufferSlot(Sum.Name, initialAccumulator)], [ScalarSlot.Count]);

    private static BufferSlot Sum { get; } = new("sum");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        long t = state.Increment(ScalarSlot.Count);
        float decay = (float)(1 / (1 + ((t - 1) * lrDecay)));
        for (int i = 0; i < context.Count; i++)
        {
            if (context.IsRowSparse(i))
            {
                UpdateRows(context, i, state.Buffer(Sum, i), decay);
                continue;
            }

            Span<float> u = context.Materialize(i);
            Span<float> s = state.Buffer(Sum, i);
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                s[j] += g * g;
                u[j] = decay * g / (MathF.Sqrt(s[j]) + eps);
            }
        }
    }

    private void UpdateRows(UpdateContext context, int i, float[] sum, float decay)
    {
        var rows = context.RowIndices(i);
        int width = context.RowWidth(i);
        Span<float> u = context.MaterializeRows(i);
        for (int r = 0; r < rows.Length; r++)
        {
            var ur = u.Slice(r * width, width);
            var s = sum.AsSpan(rows[r] * width, width);
            for (int j = 0; j < width; j++)
            {
                float g = ur[j];
                s[j] += g * g;
                ur[j] = decay * g / (MathF.Sqrt(s[j]) + eps);
            }
        }
    }
}
