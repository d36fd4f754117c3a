namespace Astrolabe.Optim;

/// <summary>
/// A named, shaped float32 buffer that an optimizer updates in place, with the gradient buffer it reads.
/// </summary>
/// <remarks>
/// <see cref="Value"/> and <see cref="Grad"/> belong to the model engine: an optimizer writes into
/// <see cref="Value"/> and reads <see cref="Grad"/>, and never reallocates or keeps a copy of either.
/// Both are flat, row-major, and hold exactly as many elements as the product of <see cref="Shape"/>. A parameter
/// built over a <see cref="RowSparseGradient"/> (an embedding table with sparse gradients) has no dense gradient
/// buffer: <see cref="Grad"/> throws, and the optimizer reads <see cref="SparseGrad"/> instead.
/// </remarks>
public sealed class Parameter
{
    private readonly int[] shape;
    private readonly float[]? dense;

    /// <summary>Wraps a value buffer and its gradient buffer.</summary>
    /// <param name="name">A name unique among the parameters of one optimizer (used to save and restore state).</param>
    /// <param name="value">The parameter values, updated in place.</param>
    /// <param name="grad">The gradient of the loss with respect to <paramref name="value"/>.</param>
    /// <param name="shape">The dimensions; empty means a flat vector of <paramref name="value"/>'s length.</param>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the buffers' lengths disagree with each other or with the shape.</exception>
    public Parameter(string name, float[] value, float[] grad, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(grad);
        this.shape = CheckShape(name, value, shape);
        if (grad.Length != value.Length)
        {
            throw new ArgumentException($"Parameter '{name}': the gradient has {grad.Length} elements but the value has {value.Length} (shape [{string.Join(", ", this.shape)}]).", nameof(grad));
        }

        Name = name;
        Value = value;
        dense = grad;
    }

    /// <summary>Wraps a value buffer and a row-sparse gradient (the parameter's first dimension is the rows).</summary>
    /// <param name="name">A name unique among the parameters of one optimizer.</param>
    /// <param name="value">The parameter values, updated in place.</param>
    /// <param name="grad">The gradient: the touched rows only.</param>
    /// <param name="shape">The dimensions, the first being the rows; empty means <c>[grad.Rows, grad.Width]</c>.</param>
    /// <exception cref="ArgumentException">The name is empty, or the shape disagrees with the value or with the gradient's rows and width.</exception>
    public Parameter(string name, float[] value, RowSparseGradient grad, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(grad);
        ArgumentNullException.ThrowIfNull(shape);
        this.shape = CheckShape(name, value, shape.Length == 0 ? [grad.Rows, grad.Width] : shape);
        if (this.shape[0] != grad.Rows || (long)grad.Rows * grad.Width != value.Length)
        {
            throw new ArgumentException($"Parameter '{name}': the sparse gradient is [{grad.Rows}, {grad.Width}] but the shape is [{string.Join(", ", this.shape)}].", nameof(grad));
        }

        Name = name;
        Value = value;
        SparseGrad = grad;
    }

    private static int[] CheckShape(string name, float[] value, int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(shape);
        int[] result = shape.Length == 0 ? [value.Length] : (int[])shape.Clone();
        long count = 1;
        foreach (int d in result)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Parameter '{name}': dimension {d} in shape [{string.Join(", ", result)}] is negative.", nameof(shape));
            }

            count *= d;
        }

        if (count != value.Length)
        {
            throw new ArgumentException($"Parameter '{name}': the value has {value.Length} elements but the shape [{string.Join(", ", result)}] has {count}.", nameof(value));
        }

        return result;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The values, updated in place by an optimizer step.</summary>
    public float[] Value { get; }

    /// <summary>The dense gradient, read by an optimizer step.</summary>
    /// <exception cref="InvalidOperationException">The parameter has a row-sparse gradient (read <see cref="SparseGrad"/>).</exception>
    public float[] Grad => dense ?? throw new InvalidOperationException(
        $"Parameter '{Name}' has a row-sparse gradient (SparseGrad), not a dense one: use a transformation that reads updates through the optimizer's UpdateContext, which densifies them when needed.");

    /// <summary>The row-sparse gradient, or null when the gradient is dense (<see cref="Grad"/>).</summary>
    public RowSparseGradient? SparseGrad { get; }

    /// <summary>The dense gradient, or null for a row-sparse one.</summary>
    internal float[]? DenseGrad => dense;

    /// <summary>The dimensions, row-major.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>The number of elements.</summary>
    public int Length => Value.Length;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", shape)}]";
}
