namespace Astrolabe.Optim;

/// <summary>Multiplies the updates by a constant (−1 turns minimization into maximization). Lazy.</summary>
/// <param name="factor">The multiplier.</param>
public sealed class Scale(double factor) : IGradientTransformation
{
    /// <summary>Negates the gradients, so the optimizer maximizes the objective.</summary>
    public static Scale Maximize() => new(-1);

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ScaleAll(factor);
    }
}
