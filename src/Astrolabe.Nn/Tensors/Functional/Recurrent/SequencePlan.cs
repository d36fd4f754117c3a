namespace Astrolabe.Nn;

/// <summary>
/// The packed order in which a recurrent layer walks a batch of sequences of different lengths, as PyTorch's
/// <c>pack_padded_sequence(enforce_sorted=False)</c> does: rows sorted by length, longest first (stable), so that at
/// step s the rows still running are the first <see cref="BatchSizes"/>[s] of that order. Packed row
/// <c>p = Offsets[s] + i</c> is sorted row i at step s; <see cref="Rows"/> = Σ lengths packed rows in all.
/// </summary>
internal sealed class SequencePlan
{
    private int[]? _forward;
    private int[]? _reverse;

    private SequencePlan(int batch, int time, int[] order, int[] sortedLengths, int[] batchSizes, int[] offsets)
    {
        BatchSize = batch;
        Time = time;
        Order = order;
        SortedLengths = sortedLengths;
        BatchSizes = batchSizes;
        Offsets = offsets;
        Steps = sortedLengths[0];
        Rows = offsets[Steps];
        HasPadding = Rows != batch * time;
    }

    public int BatchSize { get; }

    public int Time { get; }

    /// <summary>The longest length: the number of steps walked.</summary>
    public int Steps { get; }

    /// <summary>Σ lengths: the number of packed rows.</summary>
    public int Rows { get; }

    /// <summary>Whether some row is shorter than <see cref="Time"/> (the output then has zero padding).</summary>
    public bool HasPadding { get; }

    /// <summary>Sorted row i is batch row <c>Order[i]</c>.</summary>
    public int[] Order { get; }

    /// <summary>The length of sorted row i (non-increasing).</summary>
    public int[] SortedLengths { get; }

    /// <summary>How many rows run at step s.</summary>
    public int[] BatchSizes { get; }

    /// <summary>The first packed row of step s; <c>Offsets[Steps] = Rows</c>.</summary>
    public int[] Offsets { get; }

    /// <summary>
    /// The plan for <paramref name="lengths"/> (null: every row has length <paramref name="time"/>), checked.
    /// </summary>
    public static SequencePlan Create(int batch, int time, int[]? lengths, string layer)
    {
        var order = new int[batch];
        var sorted = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            order[b] = b;
            sorted[b] = time;
        }

        if (lengths is not null)
        {
            if (lengths.Length != batch)
            {
                throw new ArgumentException($"{layer}: {lengths.Length} lengths for a batch of {batch} sequences.", nameof(lengths));
            }

            for (int b = 0; b < batch; b++)
            {
                if (lengths[b] < 1)
                {
                    throw new ArgumentException(
                        $"{layer}: lengths[{b}] = {lengths[b]}: every sequence needs at least one step (an empty sequence has no output).", nameof(lengths));
                }

                if (lengths[b] > time)
                {
                    throw new ArgumentException($"{layer}: lengths[{b}] = {lengths[b]} is longer than the input's {time} time steps.", nameof(lengths));
                }

                sorted[b] = lengths[b];
            }

            // Stable: equal lengths keep their batch order.
            var keys = new long[batch];
            for (int b = 0; b < batch; b++)
            {
                keys[b] = ((long)(time - lengths[b]) << 32) | (uint)b;
            }

            Array.Sort(keys, order);
            for (int i = 0; i < batch; i++)
            {
                sorted[i] = lengths[order[i]];
            }
        }

        int steps = sorted[0];
        var sizes = new int[steps];
        var offsets = new int[steps + 1];
        int running = batch;
        for (int s = 0; s < steps; s++)
        {
            while (sorted[running - 1] <= s)
            {
                running--;
            }

            sizes[s] = running;
            offsets[s + 1] = offsets[s] + running;
        }

        return new SequencePlan(batch, time, order, sorted, sizes, offsets);
    }

    /// <summary>
    /// For each packed row, the row <c>b·Time + t</c> of the [batch, time, ...] input it reads: forward, t = s;
    /// reversed, t = length − 1 − s (each sequence runs backwards from its own last step).
    /// </summary>
    public int[] Sources(bool reverse)
    {
        ref int[]? cached = ref reverse ? ref _reverse : ref _forward;
        if (cached is not null)
        {
            return cached;
        }

        var src = TensorMemory.OutputInts(Rows);
        for (int s = 0; s < Steps; s++)
        {
            int off = Offsets[s];
            for (int i = 0; i < BatchSizes[s]; i++)
            {
                int t = reverse ? SortedLengths[i] - 1 - s : s;
                src[off + i] = (Order[i] * Time) + t;
            }
        }

        cached = src;
        return src;
    }
}
