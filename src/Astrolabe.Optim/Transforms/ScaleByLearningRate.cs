namespace Astrolabe.Optim;

/// <summary>
/// Multiplies the updates by <c>−factor·lr</c>, where lr is the optimizer's current learning rate, so that adding the
/// updates descends. Lazy: costs no pass over memory.
/// </summary>
/// <param name="factor">A constant multiplier on the learning rate (1 by default).</param>
public sealed class ScaleByLearningRate(double factor = 1.0) : IGradientTransformation
{
    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ScaleAll(-factor * context.LearningRate);
    }
}
