namespace Astrolabe.Nn;

/// <summary>
/// Bags of rows of a table [rows, dim] reduced by sum or mean without materialising the rows, as PyTorch's
/// <c>nn.EmbeddingBag</c> (initialised N(0, 1)): <c>new EmbeddingBag(50_000, 32, EmbeddingBagMode.Mean) { PaddingIdx = 0, Sparse = true }</c>.
/// </summary>
public sealed class EmbeddingBag : Module
{
    private readonly int? paddingIdx;

    /// <summary>Creates the table.</summary>
    /// <param name="rows">The number of entries.</param>
    /// <param name="dim">The embedding width.</param>
    /// <param name="mode">How a bag is reduced.</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public EmbeddingBag(int rows, int dim, EmbeddingBagMode mode = EmbeddingBagMode.Mean, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        Mode = mode;
        Weight = NewParameter("weight", rows, dim);
        Init.Normal(Weight, rng ?? Seed.Next(), 1);
    }

    /// <summary>The table [rows, dim].</summary>
    public Tensor Weight { get; }

    /// <summary>How a bag is reduced (PyTorch's default is mean).</summary>
    public EmbeddingBagMode Mode { get; }

    /// <summary>
    /// The index left out of every bag and of the mean's count, or null: set at construction, in [−rows, rows)
    /// (negative counts from the end; it reads back as the row in [0, rows)). That row is set to zeros.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [−rows, rows).</exception>
    public int? PaddingIdx
    {
        get => paddingIdx;
        init => paddingIdx = Functional.ZeroPaddingRow(Weight, value, Name);
    }

    /// <summary>Whether the table's gradient is row-sparse (see <see cref="Embedding.Sparse"/>). Set at construction.</summary>
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

    /// <summary>Reduces the bags <c>indices[offsets[b] .. offsets[b+1])</c> (see <see cref="Functional.EmbeddingBag"/>).</summary>
    /// <param name="indices">Row indices, bags one after another.</param>
    /// <param name="offsets">Where each bag starts (0 first, non-decreasing).</param>
    /// <param name="perSampleWeights">A weight per index (Sum mode only), or null.</param>
    /// <returns>The bags [offsets.Length, dim].</returns>
    public Tensor Forward(int[] indices, int[] offsets, Tensor? perSampleWeights = null) =>
        Functional.EmbeddingBag(indices, offsets, Weight, Mode, perSampleWeights, PaddingIdx, Name);

    /// <summary>
    /// Reduces fixed-length bags: the rows of <paramref name="x"/> [bags, length] of whole-number indices (shorter
    /// bags are padded with <see cref="PaddingIdx"/>, which the reduction leaves out).
    /// </summary>
    /// <param name="x">The indices [bags, length].</param>
    /// <returns>The bags [bags, dim].</returns>
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 2, Name, "indices [bags, length]");
        int length = x.Dim(1);
        return Forward(Embedding.WholeNumbers(x, Name), [.. Enumerable.Range(0, x.Dim(0)).Select(b => b * length)]);
    }

    /// <summary>The offsets of consecutive bags of the given lengths: 0, l₀, l₀ + l₁, ….</summary>
    /// <param name="lengths">The bag lengths, each ≥ 0.</param>
    /// <returns>The offsets, one per bag.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    public static int[] OffsetsFromLengths(ReadOnlySpan<int> lengths)
    {
        var offsets = new int[lengths.Length];
        int sum = 0;
        for (int b = 0; b < lengths.Length; b++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(lengths[b], nameof(lengths));
            offsets[b] = sum;
            sum += lengths[b];
        }

        return offsets;
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => [("weight", Weight)];
}
