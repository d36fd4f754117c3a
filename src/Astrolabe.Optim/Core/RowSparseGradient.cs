namespace Astrolabe.Optim;

/// <summary>
/// The gradient of a <c>[rows, width]</c> parameter of which only some rows were touched (an embedding table): the
/// touched rows' indices, each once, and the sum of the contributions each received, like a coalesced PyTorch sparse
/// gradient. Rows absent from it have a zero gradient.
/// </summary>
/// <remarks>
/// Rows appear in <see cref="Indices"/> in the order they were first touched since the last <see cref="Clear"/>;
/// <see cref="Values"/> holds their gradients in that order, <c>[Count, Width]</c> row-major. Adding to a row costs
/// O(width) and clearing O(touched rows × width), never O(rows × width): an optimizer that understands row-sparse
/// updates (<c>ScaleBySparseAdam</c>, <c>ScaleByAdaGrad</c>) updates only the touched rows. Every other
/// transformation sees the dense equivalent (zeros in the untouched rows).
/// </remarks>
public sealed class RowSparseGradient
{
    private readonly int[] slotOfRow;
    private int[] indices = new int[16];
    private float[] values;

    /// <summary>Creates an empty gradient for a <c>[rows, width]</c> parameter.</summary>
    /// <param name="rows">The number of rows, ≥ 1.</param>
    /// <param name="width">The elements per row, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public RowSparseGradient(int rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Rows = rows;
        Width = width;
        slotOfRow = new int[rows];
        Array.Fill(slotOfRow, -1);
        values = new float[16 * width];
    }

    /// <summary>The parameter's number of rows.</summary>
    public int Rows { get; }

    /// <summary>The elements per row.</summary>
    public int Width { get; }

    /// <summary>The number of touched rows.</summary>
    public int Count { get; private set; }

    /// <summary>The touched rows, each once, in the order they were first touched.</summary>
    public ReadOnlySpan<int> Indices => indices.AsSpan(0, Count);

    /// <summary>The gradients of the touched rows, <c>[Count, Width]</c> row-major, in <see cref="Indices"/> order.</summary>
    public ReadOnlySpan<float> Values => values.AsSpan(0, Count * Width);

    /// <summary>The values array (its first <c>Count·Width</c> elements are <see cref="Values"/>).</summary>
    internal float[] ValuesArray => values;

    /// <summary>
    /// The gradient of row <paramref name="row"/>, writable, to add a contribution to; a row not yet touched is
    /// added with zeros.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside <c>[0, Rows)</c>.</exception>
    public Span<float> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside [0, {Rows}).");
        }

        int slot = slotOfRow[row];
        if (slot < 0)
        {
            slot = Count;
            if (slot == indices.Length)
            {
                Array.Resize(ref indices, slot * 2);
                Array.Resize(ref values, slot * 2 * Width);
            }

            indices[slot] = row;
            slotOfRow[row] = slot;
            Count = slot + 1;
            var fresh = values.AsSpan(slot * Width, Width);
            fresh.Clear();
            return fresh;
        }

        return values.AsSpan(slot * Width, Width);
    }

    /// <summary>Adds <paramref name="contribution"/> (<c>Width</c> elements) to row <paramref name="row"/>'s gradient.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside <c>[0, Rows)</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="contribution"/> is not <c>Width</c> long.</exception>
    public void Add(int row, ReadOnlySpan<float> contribution)
    {
        if (contribution.Length != Width)
        {
            throw new ArgumentException($"A row has {Width} elements; the contribution has {contribution.Length}.", nameof(contribution));
        }

        var target = Row(row);
        System.Numerics.Tensors.TensorPrimitives.Add(target, contribution, target);
    }

    /// <summary>Removes every row (zero gradient), in O(touched rows).</summary>
    public void Clear()
    {
        foreach (int r in Indices)
        {
            slotOfRow[r] = -1;
        }

        Count = 0;
    }

    /// <summary>Writes the dense gradient <c>[Rows, Width]</c> into <paramref name="dense"/>: zeros, then the touched rows.</summary>
    /// <exception cref="ArgumentException"><paramref name="dense"/> is not <c>Rows·Width</c> long.</exception>
    public void CopyTo(Span<float> dense)
    {
        if (dense.Length != Rows * Width)
        {
            throw new ArgumentException($"The dense gradient has {Rows * Width} elements; the destination has {dense.Length}.", nameof(dense));
        }

        dense.Clear();
        var v = Values;
        for (int k = 0; k < Count; k++)
        {
            v.Slice(k * Width, Width).CopyTo(dense.Slice(indices[k] * Width, Width));
        }
    }
}
