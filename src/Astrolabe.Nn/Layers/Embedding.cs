namespace Astrolabe.Nn;

/// <summary>
/// A lookup table [rows, dim] initialised N(0, 1) as PyTorch's <c>nn.Embedding</c>; inputs are tensors of integral
/// indices. <see cref="PaddingIdx"/> and <see cref="Sparse"/> are PyTorch's <c>padding_idx</c> and <c>sparse</c>:
/// <c>new Embedding(10_000, 64) { PaddingIdx = 0, Sparse = true }</c>.
/// </summary>
public sealed class Embedding : Module
{
    private readonly int? paddingIdx;

    /// <summary>Creates the table.</summary>
    /// <param name="rows">The number of entries.</param>
    /// <param name="dim">The embedding width.</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public Embedding(int rows, int dim, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        Weight = NewParameter("weight", rows, dim);
        Init.Normal(Weight, rng ?? Seed.Next(), 1);
    }

    /// <summary>The table [rows, dim].</summary>
    public Tensor Weight { get; }

    /// <summary>
    /// The padding row, or null: set at construction, in [−rows, rows) (negative counts from the end; it reads back
    /// as the row in [0, rows)). That row is set to zeros and never receives gradient, so it stays as it is.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [−rows, rows).</exception>
    public int? PaddingIdx
    {
        get => paddingIdx;
        init => paddingIdx = Functional.ZeroPaddingRow(Weight, value, Name);
    }

    /// <summary>
    /// Whether the table's gradient is row-sparse (<see cref="Tensor.SparseGrad"/>): backward records only the rows
    /// looked up, and an optimizer that understands rows (<c>Optimizers.SparseAdam</c>, <c>Optimizers.AdaGrad</c>)
    /// updates only those. Set at construction; false by default.
    /// </summary>
    public bool Sparse
    {
        get => Weight.SparseGrad is not null;
        init
        {
            if (value)
            {
                Weight.UseSparseGrad();
            }
        }
    }

    /// <summary>Looks up integer indices.</summary>
    /// <param name="indices">The indices.</param>
    /// <param name="shape">Their shape.</param>
    /// <returns>The rows, shape + [dim].</returns>
    public Tensor Forward(int[] indices, int[] shape) => Functional.EmbeddingLookup(indices, shape, Weight, PaddingIdx, Name);

    /// <summary>Looks up indices stored as whole numbers in a float tensor.</summary>
    /// <param name="x">The indices.</param>
    /// <returns>The rows, x's shape + [dim].</returns>
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Functional.EmbeddingLookup(WholeNumbers(x, Name), x.Shape, Weight, PaddingIdx, Name);
    }

    /// <summary>The whole numbers a float tensor of indices holds.</summary>
    internal static int[] WholeNumbers(Tensor x, string layer)
    {
        var idx = new int[x.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            float v = x.Data[i];
            if (v != MathF.Floor(v))
            {
                throw new ArgumentException($"{layer}: index {v} is not a whole number.");
            }

            idx[i] = (int)v;
        }

        return idx;
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => [("weight", Weight)];
}
