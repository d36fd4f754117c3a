namespace Astrolabe.Optim;

/// <summary>
/// A gradient transformation: <c>Init(params) → state</c> and <c>Update(updates, state, params) → updates'</c>.
/// </summary>
/// <remarks>
/// Transformations compose with <see cref="Chain"/>; an optimizer is a chain ending in a learning-rate scale, and
/// applying its result adds the final updates to the parameters. <see cref="Update"/> reads and rewrites the
/// updates held by the <see cref="UpdateContext"/> (initially the gradients) and mutates its state
/// in place; it must not change the parameter values.
/// </remarks>
public interface IGradientTransformation
{
    /// <summary>Creates the state for the given parameters (buffers zeroed or set to their initial values).</summary>
    /// <param name="parameters">The parameters the optimizer updates, in order.</param>
    TransformState Init(IReadOnlyList<Parameter> parameters);

    /// <summary>Transforms the updates of one step.</summary>
    /// <param name="context">The step's updates, parameters and step number.</param>
    /// <param name="state">The state created by <see cref="Init"/>, updated in place.</param>
    void Update(UpdateContext context, TransformState state);
}
