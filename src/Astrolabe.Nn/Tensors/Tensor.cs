using System.Globalization;

namespace Astrolabe.Nn;

/// <summary>
/// A dense float32 tensor in row-major order, and a node of the autodiff graph.
/// </summary>
/// <remarks>
/// <see cref="Data"/> always holds exactly <see cref="Length"/> elements, so parameters can hand it to an optimizer.
/// A tensor created by an operation on inputs that require gradients remembers its parents and the function that
/// sends its gradient back to them; <see cref="Backward()"/> runs those functions in reversed topological order.
/// Reshapes share <see cref="Data"/> with their source (a view); every other operation allocates its result, or
/// takes it from the <see cref="TensorArena"/> whose scope is open on the thread: such a tensor must not be used
/// after that scope ends (see the arena's ownership rule).
/// </remarks>
public sealed partial class Tensor
{
    private readonly int[] _shape;

    /// <summary>Creates a tensor over <paramref name="data"/> (not copied) with the given shape.</summary>
    /// <param name="data">The elements, row-major; its length must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; an empty shape is a scalar.</param>
    /// <param name="requiresGrad">Whether gradients should flow to (and accumulate in) this tensor.</param>
    /// <exception cref="ArgumentException">The data length does not match the shape, or a dimension is negative.</exception>
    public Tensor(float[] data, int[] shape, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int n = Shapes.Numel(shape);
        if (n != data.Length)
        {
            throw new ArgumentException(
                $"Data has {data.Length} elements but shape {Shapes.Format(shape)} needs {n}.", nameof(data));
        }

        Data = data;
        _shape = (int[])shape.Clone();
        RequiresGrad = requiresGrad;
    }

    /// <summary>Wraps an operation's result: <paramref name="shape"/> is taken over, not copied (the caller made it for this tensor).</summary>
    private Tensor(float[] data, int[] shape, bool requiresGrad, bool owned)
    {
        System.Diagnostics.Debug.Assert(owned && Shapes.Numel(shape) == data.Length, "An operation made a result of the wrong length.");
        Data = data;
        _shape = shape;
        RequiresGrad = requiresGrad;
    }

    /// <summary>The elements, row-major. Writing to it changes the tensor.</summary>
    public float[] Data { get; }

    /// <summary>The accumulated gradient (same length as <see cref="Data"/>), or null before any backward pass.</summary>
    public float[]? Grad { get; internal set; }

    /// <summary>The dimensions of the tensor (a copy).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>Whether gradients flow to this tensor.</summary>
    public bool RequiresGrad { get; private set; }

    /// <summary>A name used in error messages and checkpoints (parameters are named by their layer).</summary>
    public string? Name { get; set; }

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    /// <param name="dim">The dimension index.</param>
    /// <returns>The size of that dimension.</returns>
    public int Dim(int dim) => _shape[dim < 0 ? _shape.Length + dim : dim];

    internal ReadOnlySpan<int> ShapeSpan => _shape;

    /// <summary>The shape array itself, for an operation's result of the same shape (never to be written).</summary>
    internal int[] ShapeArray => _shape;

    /// <summary>The value of a one-element tensor.</summary>
    /// <returns>The single element.</returns>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public float Item() => Length == 1
        ? Data[0]
        : throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {Shapes.Format(_shape)}.");

    /// <summary>A tensor sharing this one's data but cut off from the graph (no gradient flows through it).</summary>
    /// <returns>The detached tensor.</returns>
    public Tensor Detach() => new(Data, _shape);

    /// <summary>
    /// The row-sparse gradient of a parameter whose gradient is kept as touched rows only (an embedding table built
    /// with sparse gradients), or null. Such a tensor has no dense <see cref="Grad"/>; only lookups
    /// (<see cref="Functional.Embedding(int[], int[], Tensor, int)"/>, <c>Functional.EmbeddingBag</c>)
    /// can send gradient to it, and any other operation that tries throws.
    /// </summary>
    public Astrolabe.Optim.RowSparseGradient? SparseGrad { get; private set; }

    /// <summary>Marks this leaf tensor as requiring gradients and allocates its gradient buffer.</summary>
    /// <returns>This tensor.</returns>
    public Tensor RequireGrad()
    {
        RequiresGrad = true;
        if (SparseGrad is null)
        {
            Grad ??= new float[Length];
        }

        return this;
    }

    /// <summary>Sets the gradient to zero (keeps the buffer).</summary>
    public void ZeroGrad()
    {
        if (Grad is not null)
        {
            Array.Clear(Grad);
        }

        SparseGrad?.Clear();
    }

    /// <summary>
    /// Makes this leaf's gradient row-sparse (see <see cref="SparseGrad"/>): rows = the first dimension, a row = the
    /// rest. The dense gradient buffer is dropped.
    /// </summary>
    internal void UseSparseGrad()
    {
        System.Diagnostics.Debug.Assert(!IsInGraph && Rank >= 2, "Only a leaf table has a row-sparse gradient.");
        RequiresGrad = true;
        Grad = null;
        SparseGrad = new Astrolabe.Optim.RowSparseGradient(_shape[0], Length / _shape[0]);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        int shown = Math.Min(Length, 8);
        var values = string.Join(", ", Data.Take(shown).Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
        return $"Tensor{Shapes.Format(_shape)} [{values}{(Length > shown ? ", ..." : "")}]";
    }
}
