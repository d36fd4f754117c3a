namespace Astrolabe.Optim;

/// <summary>
/// Composes gradient transformations: each one transforms the updates the previous one produced. The chain's state
/// holds the children's states in order. A transformation that skips or holds the step stops the chain.
/// </summary>
public sealed class Chain : IGradientTransformation
{
    private readonly IGradientTransformation[] transformations;

    /// <summary>Composes the transformations, first to last.</summary>
    /// <exception cref="ArgumentNullException">A transformation is null.</exception>
    public Chain(params IEnumerable<IGradientTransformation> transformations)
    {
        ArgumentNullException.ThrowIfNull(transformations);
        this.transformations = [.. transformations];
        foreach (var t in this.transformations)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(transformations));
        }
    }

    /// <summary>The composed transformations, first to last.</summary>
    public IReadOnlyList<IGradientTransformation> Transformations => transformations;

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) =>
        new(parameters, children: [.. transformations.Select(t => t.Init(parameters))]);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        for (int k = 0; k < transformations.Length && !context.IsStopped; k++)
        {
            transformations[k].Update(context, state.Children[k]);
        }
    }
}
