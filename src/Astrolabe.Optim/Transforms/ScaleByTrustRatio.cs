namespace Astrolabe.Optim;

/// <summary>
/// Layer-wise trust ratio of LARS (You et al., 2017) and LAMB (You et al., 2020): each parameter's updates are
/// multiplied by <c>η·‖w‖ / (‖u‖ + ε)</c>, or by 1 when either norm is zero. Lazy after the norms are read.
/// </summary>
public sealed class ScaleByTrustRatio : IGradientTransformation
{
    private readonly double trustCoefficient;
    private readonly double eps;

    /// <summary>Creates the transformation.</summary>
    /// <param name="trustCoefficient">η &gt; 0 (1 for LAMB; LARS uses 0.001).</param>
    /// <param name="eps">Added to the update norm, ≥ 0.</param>
    public ScaleByTrustRatio(double trustCoefficient = 1.0, double eps = 0)
    {
        this.trustCoefficient = Check.Positive(trustCoefficient, nameof(trustCoefficient));
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
            double weightNorm = Norms.L2(context.Parameters[i].Value);
            double updateNorm = Norms.L2(context.Read(i));
            if (weightNorm > 0 && updateNorm > 0)
            {
                context.Scale(i, trustCoefficient * weightNorm / (updateNorm + eps));
            }
        }
    }
}
