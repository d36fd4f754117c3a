namespace Astrolabe.Optim;

/// <summary>
/// Checks that every update is finite and otherwise skips the step or throws (see <see cref="NonFiniteGradientPolicy"/>).
/// Place it first, so that no transformation has changed its state when a step is skipped.
/// </summary>
/// <param name="policy">What to do on a non-finite gradient.</param>
public sealed class GuardNonFinite(NonFiniteGradientPolicy policy) : IGradientTransformation
{
    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (int i = 0; i < context.Count; i++)
        {
            if (!Norms.AllFinite(context.IsRowSparse(i) ? context.ReadRows(i) : context.Read(i)))
            {
                if (policy == NonFiniteGradientPolicy.Throw)
                {
                    throw new ArithmeticException($"The gradient of parameter '{context.Parameters[i].Name}' holds NaN or infinity at step {context.Step}.");
                }

                context.SkipStep();
                return;
            }
        }
    }
}
