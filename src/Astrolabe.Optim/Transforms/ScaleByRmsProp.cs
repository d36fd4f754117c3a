using System.Numerics;

namespace Astrolabe.Optim;

/// <summary>
/// RMSprop as <c>torch.optim.RMSprop</c>: <c>s ← α·s + (1 − α)·g²</c>; centered: <c>ḡ ← α·ḡ + (1 − α)·g</c> and
/// the denominator is <c>√(s − ḡ²) + ε</c>, else <c>√s + ε</c>; with momentum μ &gt; 0, <c>b ← μ·b + g/denom</c> and
/// the update is b. State: buffers <c>"square_avg"</c> (s), <c>"grad_avg"</c> (ḡ), <c>"momentum_buffer"</c> (b); scalar <c>"count"</c>.
/// </summary>
public sealed class ScaleByRmsProp : IGradientTransformation
{
    private readonly float alpha;
    private readonly float alphaComplement;
    private readonly float eps;
    private readonly bool centered;
    private readonly float momentum;

    /// <summary>Creates the transformation.</summary>
    /// <param name="alpha">The smoothing constant, in [0, 1).</param>
    /// <param name="eps">Added to the denominator, ≥ 0.</param>
    /// <param name="centered">Whether to normalize by the estimated variance instead of the second moment.</param>
    /// <param name="momentum">The momentum μ ≥ 0.</param>
    public ScaleByRmsProp(double alpha = 0.99, double eps = 1e-8, bool centered = false, double momentum = 0)
    {
        this.alpha = (float)Check.Beta(alpha, nameof(alpha));
        alphaComplement = (float)(1 - alpha);
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
        this.centered = centered;
        this.momentum = (float)Check.NonNegative(momentum, nameof(momentum));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [SquareAvg, GradAvg, MomentumBuffer], [ScalarSlot.Count]);

    private static BufferSlot SquareAvg { get; } = new("square_avg");

    private static BufferSlot GradAvg { get; } = new("grad_avg");

    private static BufferSlot MomentumBuffer { get; } = new("momentum_buffer");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        state.Increment(ScalarSlot.Count);
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> s = state.Buffer(SquareAvg, i), mean = state.Buffer(GradAvg, i), buf = state.Buffer(MomentumBuffer, i);
            for (int j = Vectorized(u, s, mean, buf); j < u.Length; j++)
            {
                float g = u[j];
                s[j] = (alpha * s[j]) + (alphaComplement * g * g);
                float variance = s[j];
                if (centered)
                {
                    mean[j] = (alpha * mean[j]) + (alphaComplement * g);
                    variance -= mean[j] * mean[j];
                }

                float scaled = g / (MathF.Sqrt(variance) + eps);
                if (momentum > 0)
                {
                    buf[j] = (momentum * buf[j]) + scaled;
                    scaled = buf[j];
                }

                u[j] = scaled;
            }
        }
    }

    /// <summary>The update over whole vectors, with the scalar loop's operations in the same order; returns where the tail starts.</summary>
    private int Vectorized(Span<float> u, Span<float> s, Span<float> mean, Span<float> buf)
    {
        int j = 0;
        if (!Vector.IsHardwareAccelerated)
        {
            return j;
        }

        var a = new Vector<float>(alpha);
        var ac = new Vector<float>(alphaComplement);
        var e = new Vector<float>(eps);
        var m = new Vector<float>(momentum);
        for (; j <= u.Length - Vector<float>.Count; j += Vector<float>.Count)
        {
            var g = new Vector<float>(u[j..]);
            var sv = (a * new Vector<float>(s[j..])) + (ac * g * g);
            sv.CopyTo(s[j..]);
            var variance = sv;
            if (centered)
            {
                var mv = (a * new Vector<float>(mean[j..])) + (ac * g);
                mv.CopyTo(mean[j..]);
                variance -= mv * mv;
            }

            var scaled = g / (Vector.SquareRoot(variance) + e);
            if (momentum > 0)
            {
                var bv = (m * new Vector<float>(buf[j..])) + scaled;
                bv.CopyTo(buf[j..]);
                scaled = bv;
            }

            scaled.CopyTo(u[j..]);
        }

        return j;
    }
}
