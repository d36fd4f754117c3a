namespace Astrolabe.Optim;

/// <summary>
/// Applies a transformation to the parameters a predicate selects and leaves the others' updates unchanged: the way
/// to give a group of parameters its own hyperparameters (e.g. weight decay on weights only, a smaller learning
/// rate for a pretrained backbone), like optax's <c>masked</c> or a PyTorch parameter group.
/// </summary>
public sealed class Masked : IGradientTransformation
{
    private readonly IGradientTransformation inner;
    private readonly Func<Parameter, bool> mask;

    /// <summary>Creates the transformation.</summary>
    /// <param name="inner">The transformation applied to the selected parameters.</param>
    /// <param name="mask">Selects the parameters, e.g. <c>p =&gt; p.Name.StartsWith("head.")</c>.</param>
    public Masked(IGradientTransformation inner, Func<Parameter, bool> mask)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        this.mask = mask ?? throw new ArgumentNullException(nameof(mask));
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new TransformState(parameters, children: [inner.Init([.. parameters.Where(mask)])]);
    }

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        int[] selected = [.. Enumerable.Range(0, context.Count).Where(i => mask(context.Parameters[i]))];
        inner.Update(context.Subset(selected), state.Children[0]);
    }
}
