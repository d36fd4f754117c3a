namespace Astrolabe.Optim;

/// <summary>
/// A named, shaped float32 buffer that an optimizer updates in place, with the gradient buffer it reads.
/// </summary>
/// <remarks>
/// <see cref="Value"/> and <see cref="Grad"/> belong to the model engine: an optimizer writes into
/// <see cref="Value"/> and reads <see cref="Grad"/>, and never reallocates or keeps a copy of either.
/// Both are flat, row-major, and hold exactly as many elements as the product of <see cref="Shape"/>.
/// </remarks>
public sealed class Parameter
{
    private readonly int[] shape;

    /// <summary>Wraps a value buffer and its gradient buffer.</summary>
    /// <param name="name">A name unique among the parameters of one optimizer (used to save and restore state).</param>
    /// <param name="value">The parameter values, updated in place.</param>
    /// <param name="grad">The gradient of the loss with respect to <paramref name="value"/>.</param>
    /// <param name="shape">The dimensions; empty means a flat vector of <paramref name="value"/>'s length.</param>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the buffers' lengths disagree with each other or with the shape.</exception>
    public Parameter(string name, float[] value, float[] grad, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(grad);
        ArgumentNullException.ThrowIfNull(shape);
        this.shape = shape.Length == 0 ? [value.Length] : (int[])shape.Clone();
        long count = 1;
        foreach (int d in this.shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Parameter '{name}': dimension {d} in shape [{string.Join(", ", this.shape)}] is negative.", nameof(shape));
            }

            count *= d;
        }

        if (count != value.Length)
        {
            throw new ArgumentException($"Parameter '{name}': the value has {value.Length} elements but the shape [{string.Join(", ", this.shape)}] has {count}.", nameof(value));
        }

        if (grad.Length != value.Length)
        {
            throw new ArgumentException($"Parameter '{name}': the gradient has {grad.Length} elements but the value has {value.Length} (shape [{string.Join(", ", this.shape)}]).", nameof(grad));
        }

        Name = name;
        Value = value;
        Grad = grad;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The values, updated in place by an optimizer step.</summary>
    public float[] Value { get; }

    /// <summary>The gradient, read by an optimizer step.</summary>
    public float[] Grad { get; }

    /// <summary>The dimensions, row-major.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>The number of elements.</summary>
    public int Length => Value.Length;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", shape)}]";
}
