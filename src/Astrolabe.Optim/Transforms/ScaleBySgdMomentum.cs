using System.Numerics.Tensors;

namespace Astrolabe.Optim;

/// <summary>
/// Heavy-ball momentum as <c>torch.optim.SGD</c> computes it: <c>b ← g</c> at the first step, then
/// <c>b ← μ·b + (1 − dampening)·g</c>; the update is <c>b</c>, or <c>g + μ·b</c> with Nesterov.
/// State: buffer <c>"momentum_buffer"</c> (b), scalar <c>"count"</c>.
/// </summary>
public sealed class ScaleBySgdMomentum : IGradientTransformation
{
    private readonly float momentum;
    private readonly float keep;
    private readonly bool nesterov;

    /// <summary>Creates the transformation.</summary>
    /// <param name="momentum">μ ≥ 0.</param>
    /// <param name="dampening">The dampening of the gradient's share, ≥ 0.</param>
    /// <param name="nesterov">Nesterov momentum (requires μ &gt; 0 and no dampening).</param>
    public ScaleBySgdMomentum(double momentum, double dampening = 0, bool nesterov = false)
    {
        this.momentum = (float)Check.NonNegative(momentum, nameof(momentum));
        keep = (float)(1 - Check.Finite(dampening, nameof(dampening)));
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening.", nameof(nesterov));
        }

        this.nesterov = nesterov;
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [MomentumBuffer], [ScalarSlot.Count]);

    private static BufferSlot MomentumBuffer { get; } = new("momentum_buffer");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        bool first = state.Increment(ScalarSlot.Count) == 1;
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> buf = state.Buffer(MomentumBuffer, i);
            if (first)
            {
                u.CopyTo(buf);
            }
            else
            {
                TensorPrimitives.Multiply(buf, momentum, buf);
                TensorPrimitives.MultiplyAdd(u, keep, buf, buf);
            }

            if (nesterov)
            {
                TensorPrimitives.MultiplyAdd(buf, momentum, u, u);
            }
            else
            {
                buf.CopyTo(u);
            }
        }
    }
}
