using System.Numerics.Tensors;

namespace Astrolabe.Optim;

/// <summary>Clamps every update element to [−c, c], like <c>torch.nn.utils.clip_grad_value_</c>.</summary>
public sealed class ClipByValue : IGradientTransformation
{
    private readonly float clipValue;

    /// <summary>Creates the transformation.</summary>
    /// <param name="clipValue">c &gt; 0.</param>
    public ClipByValue(double clipValue) => this.clipValue = (float)Check.Positive(clipValue, nameof(clipValue));

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (int i = 0; i < context.Count; i++)
        {
            Span<float> u = context.Materialize(i);
            TensorPrimitives.Clamp(u, -clipValue, clipValue, u);
        }
    }
}
