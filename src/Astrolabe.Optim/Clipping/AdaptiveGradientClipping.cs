namespace Astrolabe.Optim;

/// <summary>
/// Adaptive gradient clipping (Brock et al., 2021, "High-Performance Large-Scale Image Recognition Without
/// Normalization"): unit-wise, <c>g_i ← g_i · λ·max(‖w_i‖, ε)/‖g_i‖</c> when <c>‖g_i‖ &gt; λ·max(‖w_i‖, ε)</c>.
/// A unit is a slice along the first dimension (an output row of a <c>[out, in, …]</c> weight); a parameter with
/// one dimension or none is a single unit.
/// </summary>
public sealed class AdaptiveGradientClipping : IGradientTransformation
{
    private readonly double clipping;
    private readonly double eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="clipping">λ &gt; 0, the largest allowed ratio of gradient norm to parameter norm.</param>
    /// <param name="eps">ε ≥ 0, the smallest parameter norm used (so zero-initialized units can move).</param>
    public AdaptiveGradientClipping(double clipping = 0.01, double eps = 1e-3)
    {
        this.clipping = Check.Positive(clipping, nameof(clipping));
        this.eps = Check.NonNegative(eps, nameof(eps));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (int i = 0; i < context.Count; i++)
        {
            var parameter = context.Parameters[i];
            int units = parameter.Shape.Count > 1 && parameter.Length > 0 ? parameter.Shape[0] : 1;
            int width = units == 0 ? 0 : parameter.Length / units;
            Span<float> u = context.Materialize(i);
            for (int k = 0; k < units; k++)
            {
                Span<float> g = u.Slice(k * width, width);
                double max = clipping * Math.Max(Norms.L2(parameter.Value.AsSpan(k * width, width)), eps);
                double norm = Norms.L2(g);
                if (norm > max)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(g, (float)(max / Math.Max(norm, 1e-6)), g);
                }
            }
        }
    }
}
