namespace Astrolabe.Nn.Data.Sequences;

/// <summary>
/// A mini-batch of sequences padded with id 0 to the longest one: <see cref="Ids"/> is [B, T] row-major,
/// <see cref="Lengths"/> holds each row's true length, <see cref="Mask"/> is 1 at real tokens and 0 at padding.
/// <see cref="Rows"/> are the dataset indices of the rows, to put predictions back in dataset order.
/// </summary>
public sealed class SequenceBatch
{
    private SequenceBatch(int[] ids, int width, int[] lengths, int[]? labels, int[] rows)
    {
        Ids = ids;
        Width = width;
        Lengths = lengths;
        Labels = labels;
        Rows = rows;
    }

    /// <summary>The token ids, [<see cref="Size"/>, <see cref="Width"/>] row-major, 0 after each row's length.</summary>
    public int[] Ids { get; }

    /// <summary>The number of rows (B).</summary>
    public int Size => Lengths.Length;

    /// <summary>The padded length T: the longest row's length.</summary>
    public int Width { get; }

    /// <summary>Each row's number of real tokens (≥ 1).</summary>
    public int[] Lengths { get; }

    /// <summary>Each row's class, or null for unlabelled data.</summary>
    public int[]? Labels { get; }

    /// <summary>The dataset index of each row.</summary>
    public int[] Rows { get; }

    /// <summary>The padding mask [B, T]: 1 where a real token is, 0 at padding.</summary>
    /// <returns>A new tensor.</returns>
    public Tensor Mask()
    {
        var m = new float[Ids.Length];
        for (int b = 0; b < Size; b++)
        {
            m.AsSpan(b * Width, Lengths[b]).Fill(1f);
        }

        return new Tensor(m, [Size, Width]);
    }

    /// <summary>The ids as a float tensor [B, T] (exact: ids stay far below 2²⁴), for layers that take tensors.</summary>
    /// <returns>A new tensor.</returns>
    public Tensor IdsTensor() => new(Array.ConvertAll(Ids, id => (float)id), [Size, Width]);

    /// <summary>Pads the sequences at <paramref name="rows"/> into one batch, in that order.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="rows">Sequence indices (at least one).</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">No rows.</exception>
    public static SequenceBatch Pad(SequenceDataset data, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rows.IsEmpty)
        {
            throw new ArgumentException("SequenceBatch: a batch needs at least one sequence.", nameof(rows));
        }

        var lengths = new int[rows.Length];
        int width = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            lengths[i] = data.Length(rows[i]);
            width = Math.Max(width, lengths[i]);
        }

        var ids = new int[rows.Length * width];
        int[]? labels = data.Labels is null ? null : new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            data.Sequence(rows[i]).CopyTo(ids.AsSpan(i * width));
            if (labels is not null)
            {
                labels[i] = data.Labels![rows[i]];
            }
        }

        return new SequenceBatch(ids, width, lengths, labels, rows.ToArray());
    }
}
