namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Looks up rows of <paramref name="weight"/>; the gradient scatters back into the rows used.</summary>
    /// <param name="indices">Row indices, each in [0, rows).</param>
    /// <param name="indexShape">The shape of <paramref name="indices"/>; the output is that shape plus [dim].</param>
    /// <param name="weight">The table [rows, dim].</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The gathered rows.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "Shipped signature, unchanged; the overload with a padding index has the same number of parameters and a different type at the fourth.")]
    public static Tensor Embedding(int[] indices, int[] indexShape, Tensor weight, string layer = "Embedding") =>
        EmbeddingLookup(indices, indexShape, weight, null, layer);

    /// <summary>
    /// Looks up rows of <paramref name="weight"/> as <c>torch.nn.functional.embedding</c>: the gradient scatters back
    /// into the rows used, except the padding row, which receives none (its looked-up values are returned as they are).
    /// When the table keeps a row-sparse gradient (<see cref="Tensor.SparseGrad"/>), only the touched rows are recorded.
    /// </summary>
    /// <param name="indices">Row indices, each in [0, rows).</param>
    /// <param name="indexShape">The shape of <paramref name="indices"/>; the output is that shape plus [dim].</param>
    /// <param name="weight">The table [rows, dim].</param>
    /// <param name="paddingIdx">The row that gets no gradient, in [−rows, rows) (negative counts from the end).</param>
    /// <returns>The gathered rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index or <paramref name="paddingIdx"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The indices do not fill <paramref name="indexShape"/>, or the table is not rank 2.</exception>
    public static Tensor Embedding(int[] indices, int[] indexShape, Tensor weight, int paddingIdx) =>
        EmbeddingLookup(indices, indexShape, weight, paddingIdx, "Embedding");

    /// <summary>The lookup behind both <c>Embedding</c> overloads and the layer (which names itself in errors).</summary>
    internal static Tensor EmbeddingLookup(int[] indices, int[] indexShape, Tensor weight, int? paddingIdx, string layer)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(indexShape);
        Shapes.RequireRank(weight, 2, layer, "weight [rows, dim]");
        int rows = weight.Dim(0), d = weight.Dim(1);
        int pad = EmbeddingPadding(paddingIdx, rows, layer);
        if (Shapes.Numel(indexShape) != indices.Length)
        {
            throw new ArgumentException($"{layer}: {indices.Length} indices do not fill shape {Shapes.Format(indexShape)}.");
        }

        var y = TensorMemory.Output(indices.Length * d);
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"{layer}: index {r} is outside [0, {rows}).");
            }

            weight.Data.AsSpan(r * d, d).CopyTo(y.AsSpan(i * d, d));
        }

        return Tensor.FromOp(y, [.. indexShape, d], o =>
        {
            var g = o.Grad!;
            if (weight.SparseGrad is { } sparse)
            {
                for (int i = 0; i < indices.Length; i++)
                {
                    if (indices[i] != pad)
                    {
                        sparse.Add(indices[i], g.AsSpan(i * d, d));
                    }
                }

                return;
            }

            var gw = weight.GradBuffer();
            for (int i = 0; i < indices.Length; i++)
            {
                int r = indices[i];
                if (r != pad)
                {
                    var row = gw.AsSpan(r * d, d);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, g.AsSpan(i * d, d), row);
                }
            }
        }, weight);
    }

    /// <summary>The padding row in [0, rows), or −1 for none; PyTorch's range [−rows, rows) checked.</summary>
    internal static int EmbeddingPadding(int? paddingIdx, int rows, string layer)
    {
        if (paddingIdx is not int p)
        {
            return -1;
        }

        return p >= -rows && p < rows
            ? (p < 0 ? p + rows : p)
            : throw new ArgumentOutOfRangeException(nameof(paddingIdx), p, $"{layer}: padding index {p} is outside [{-rows}, {rows}) for a table of {rows} rows.");
    }

    /// <summary>
    /// A table layer's padding row set at construction: checked as <see cref="EmbeddingPadding"/>, that row of
    /// <paramref name="weight"/> zeroed; returns the row in [0, rows), or null for none.
    /// </summary>
    internal static int? ZeroPaddingRow(Tensor weight, int? paddingIdx, string layer)
    {
        int pad = EmbeddingPadding(paddingIdx, weight.Dim(0), layer);
        if (pad < 0)
        {
            return null;
        }

        Array.Clear(weight.Data, pad * weight.Dim(1), weight.Dim(1));
        return pad;
    }
}
