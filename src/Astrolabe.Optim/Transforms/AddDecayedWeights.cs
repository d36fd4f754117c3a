namespace Astrolabe.Optim;

/// <summary>
/// Adds <c>weightDecay·w</c> to the updates. Before an adaptive scaling this is L2 regularization (PyTorch's
/// <c>weight_decay</c> of SGD and Adam); after it, just before the learning rate, it is decoupled weight decay
/// (AdamW's <c>w ← w(1 − lr·λ)</c>). Lazy: costs no pass over memory.
/// </summary>
public sealed class AddDecayedWeights : IGradientTransformation
{
    private readonly double weightDecay;
    private readonly Func<Parameter, bool>? appliesTo;

    /// <summary>Creates the transformation.</summary>
    /// <param name="weightDecay">The decay coefficient λ ≥ 0.</param>
    /// <param name="appliesTo">Which parameters decay (all when null), e.g. <c>p =&gt; p.Shape.Count &gt; 1</c>.</param>
    public AddDecayedWeights(double weightDecay, Func<Parameter, bool>? appliesTo = null)
    {
        this.weightDecay = Check.NonNegative(weightDecay, nameof(weightDecay));
        this.appliesTo = appliesTo;
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (weightDecay == 0)
        {
            return;
        }

        for (int i = 0; i < context.Count; i++)
        {
            if (appliesTo is null || appliesTo(context.Parameters[i]))
            {
                context.AddScaledParameters(i, weightDecay);
            }
        }
    }
}
