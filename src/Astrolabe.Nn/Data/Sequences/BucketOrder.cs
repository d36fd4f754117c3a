namespace Astrolabe.Nn.Data.Sequences;

/// <summary>The row groups of <see cref="SequenceDataset.Batches"/>: pools sorted by length, cut into batches.</summary>
internal static class BucketOrder
{
    public static IEnumerable<int[]> Batches(SequenceDataset data, int batchSize, Rng? rng, int poolBatches)
    {
        var order = Enumerable.Range(0, data.Count).ToArray();
        rng?.Shuffle<int>(order);
        long pool = Math.Min((long)batchSize * poolBatches, Math.Max(1, data.Count));
        var batches = new List<int[]>();
        for (int start = 0; start < order.Length; start += (int)pool)
        {
            var members = order.AsSpan(start, (int)Math.Min(pool, order.Length - start)).ToArray();
            var sorted = members.Select((row, k) => (row, k)).OrderBy(p => data.Length(p.row)).ThenBy(p => p.k).Select(p => p.row).ToArray();
            for (int b = 0; b < sorted.Length; b += batchSize)
            {
                batches.Add(sorted.AsSpan(b, Math.Min(batchSize, sorted.Length - b)).ToArray());
            }
        }

        if (rng is not null)
        {
            var shuffled = batches.ToArray();
            rng.Shuffle<int[]>(shuffled);
            return shuffled;
        }

        return batches;
    }
}
