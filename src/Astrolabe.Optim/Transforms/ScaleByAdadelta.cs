namespace Astrolabe.Optim;

/// <summary>
/// Adadelta (Zeiler, 2012) as <c>torch.optim.Adadelta</c>: <c>s ← ρ·s + (1 − ρ)·g²</c>,
/// <c>δ = √(a + ε) / √(s + ε) · g</c>, <c>a ← ρ·a + (1 − ρ)·δ²</c>; the update is δ. State: buffers <c>"square_avg"</c> (s), <c>"acc_delta"</c> (a); scalar <c>"count"</c>.
/// </summary>
public sealed class ScaleByAdadelta : IGradientTransformation
{
    private readonly float rho;
    private readonly float rhoComplement;
    private readonly float eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="rho">The decay, in [0, 1).</param>
    /// <param name="eps">Added inside both square roots, ≥ 0.</param>
    public ScaleByAdadelta(double rho = 0.9, double eps = 1e-6)
    {
        this.rho = (float)Check.Beta(rho, nameof(rho));
        rhoComplement = (float)(1 - rho);
        this.eps = (float)Check.NonNegative(eps, nameof(eps));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, [SquareAvg, AccDelta], [ScalarSlot.Count]);

    private static BufferSlot SquareAvg { get; } = new("square_avg");

    private static BufferSlot AccDelta { get; } = new("acc_delta");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        state.Increment(ScalarSlot.Count);
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            Span<float> s = state.Buffer(SquareAvg, i), acc = state.Buffer(AccDelta, i);
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                s[j] = (rho * s[j]) + (rhoComplement * g * g);
                float delta = MathF.Sqrt(acc[j] + eps) / MathF.Sqrt(s[j] + eps) * g;
                acc[j] = (rho * acc[j]) + (rhoComplement * delta * delta);
                u[j] = delta;
            }
        }
    }
}
