namespace Astrolabe.Optim;

/// <summary>Row-sparse updates: the touched rows of a parameter with a <see cref="RowSparseGradient"/>.</summary>
public sealed partial class UpdateContext
{
    /// <summary>
    /// Whether the updates of parameter <paramref name="i"/> are still row-sparse: its gradient is a
    /// <see cref="RowSparseGradient"/> and no transformation has made them dense (read them densely, added a multiple
    /// of the parameters, deferred a dense update).
    /// </summary>
    public bool IsRowSparse(int i)
    {
        int k = map[i];
        return sparse[k] is not null && b[k] == 0;
    }

    /// <summary>The touched rows of a row-sparse update, each once.</summary>
    /// <exception cref="InvalidOperationException">The updates of parameter <paramref name="i"/> are not row-sparse.</exception>
    public ReadOnlySpan<int> RowIndices(int i) => SparseOf(i).Indices;

    /// <summary>The elements per row of a row-sparse update.</summary>
    /// <exception cref="InvalidOperationException">The updates of parameter <paramref name="i"/> are not row-sparse.</exception>
    public int RowWidth(int i) => SparseOf(i).Width;

    /// <summary>
    /// The values of a row-sparse update, <c>[touched rows, width]</c> in <see cref="RowIndices"/> order, read-only
    /// (no copy when they are still the plain gradient).
    /// </summary>
    /// <exception cref="InvalidOperationException">The updates of parameter <paramref name="i"/> are not row-sparse.</exception>
    public ReadOnlySpan<float> ReadRows(int i)
    {
        var g = SparseOf(i);
        int k = map[i];
        return a[k] == 1 ? sparseValues[k].AsSpan(0, g.Count * g.Width) : MaterializeRows(i);
    }

    /// <summary>
    /// The values of a row-sparse update in a work buffer, writable, <c>[touched rows, width]</c> in
    /// <see cref="RowIndices"/> order; the transformation rewrites them in place and they stay row-sparse.
    /// </summary>
    /// <exception cref="InvalidOperationException">The updates of parameter <paramref name="i"/> are not row-sparse.</exception>
    public Span<float> MaterializeRows(int i)
    {
        var g = SparseOf(i);
        int k = map[i];
        int n = g.Count * g.Width;
        float[] w = sparseWork[k] is { } existing && existing.Length >= n ? existing : (sparseWork[k] = new float[Math.Max(n, g.ValuesArray.Length)]);
        var values = w.AsSpan(0, n);
        if (!ReferenceEquals(sparseValues[k], w) || a[k] != 1)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(sparseValues[k].AsSpan(0, n), (float)a[k], values);
        }

        sparseValues[k] = w;
        a[k] = 1;
        return values;
    }

    /// <summary>Turns a row-sparse update into the dense one (zeros in the untouched rows), scale kept.</summary>
    private void Densify(int k)
    {
        var g = sparse[k]!;
        float[] w = work[k] ??= new float[root.parameters[k].Length];
        var dense = w.AsSpan();
        dense.Clear();
        int width = g.Width;
        var values = sparseValues[k];
        var rows = g.Indices;
        for (int r = 0; r < rows.Length; r++)
        {
            values.AsSpan(r * width, width).CopyTo(dense.Slice(rows[r] * width, width));
        }

        source[k] = w;
        sparse[k] = null;
    }

    /// <summary>Adds a row-sparse update to the parameter rows it touches: <c>P[r] ← P[r] + A·u[r]</c>.</summary>
    private void ApplyRows(int k)
    {
        var g = sparse[k]!;
        int width = g.Width;
        float scale = (float)a[k];
        float[] p = root.parameters[k].Value;
        var values = sparseValues[k];
        var rows = g.Indices;
        for (int r = 0; r < rows.Length; r++)
        {
            var row = p.AsSpan(rows[r] * width, width);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(values.AsSpan(r * width, width), scale, row, row);
        }
    }

    private RowSparseGradient SparseOf(int i)
    {
        int k = map[i];
        return sparse[k] is { } g && b[k] == 0
            ? g
            : throw new InvalidOperationException($"The updates of parameter '{parameters[i].Name}' are not row-sparse (its gradient is dense, or a transformation made the update dense).");
    }
}
