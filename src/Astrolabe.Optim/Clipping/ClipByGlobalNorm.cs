namespace Astrolabe.Optim;

/// <summary>
/// Clips the p-norm of all updates together, like <c>torch.nn.utils.clip_grad_norm_</c>: with
/// <c>n = ‖(u_1, …, u_k)‖_p</c>, every update is multiplied by <c>min(1, maxNorm / (n + 10⁻⁶))</c>. Reports n as
/// <see cref="UpdateContext.GradientNorm"/>. Reads the updates once; the scaling itself is lazy.
/// </summary>
public sealed class ClipByGlobalNorm : IGradientTransformation
{
    private readonly double maxNorm;
    private readonly double normType;

    /// <summary>Creates the transformation.</summary>
    /// <param name="maxNorm">The largest norm allowed, &gt; 0.</param>
    /// <param name="normType">p ≥ 1, or <see cref="double.PositiveInfinity"/> for the largest magnitude.</param>
    public ClipByGlobalNorm(double maxNorm, double normType = 2.0)
    {
        this.maxNorm = Check.Positive(maxNorm, nameof(maxNorm));
        this.normType = double.IsPositiveInfinity(normType) || (normType >= 1 && double.IsFinite(normType))
            ? normType
            : throw new ArgumentOutOfRangeException(nameof(normType), normType, $"normType must be ≥ 1 or +∞, got {normType}.");
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        double norm = GlobalNorm(context, normType);
        context.GradientNorm = norm;
        double scale = Math.Min(1.0, maxNorm / (norm + 1e-6));
        if (scale != 1.0)
        {
            context.ScaleAll(scale);
        }
    }

    /// <summary>The p-norm of all the context's updates together.</summary>
    internal static double GlobalNorm(UpdateContext context, double p)
    {
        double acc = 0;
        for (int i = 0; i < context.Count; i++)
        {
            if (context.IsRowSparse(i))
            {
                // The untouched rows are zeros: the norm of the touched rows is the norm of the whole update.
                var rows = context.ReadRows(i);
                acc = double.IsPositiveInfinity(p) ? Math.Max(acc, Norms.MaxAbs(rows)) : acc + Norms.SumOfPowers(rows, p);
                continue;
            }

            var input = context.Input(i);
            ReadOnlySpan<float> x = input.X;
            double a = Math.Abs(input.A);
            if (input.B != 0)
            {
                x = context.Read(i);
                a = 1;
            }

            acc = double.IsPositiveInfinity(p)
                ? Math.Max(acc, a * Norms.MaxAbs(x))
                : acc + (Math.Pow(a, p) * Norms.SumOfPowers(x, p));
        }

        return double.IsPositiveInfinity(p) ? acc : Math.Pow(acc, 1 / p);
    }
}
