using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.Nn.Tests.Data.Sequences;

public class SequenceDatasetTests
{
    private static SequenceDataset Sample(int count, int seed)
    {
        var rng = new Rng(seed);
        var sequences = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 1 + rng.NextInt(30)).Select(_ => 1 + rng.NextInt(49)).ToArray()).ToArray();
        return SequenceDataset.Create(sequences, [.. Enumerable.Range(0, count).Select(i => i % 3)], vocabularySize: 50);
    }

    [Fact]
    public void A_batch_is_padded_with_zeros_to_its_longest_row_with_lengths_and_mask()
    {
        var data = SequenceDataset.Create([[5, 6, 7], [8], [9, 4]], [2, 0, 1], vocabularySize: 10);
        var batch = SequenceBatch.Pad(data, [0, 1, 2]);
        Assert.Equal((3, 3), (batch.Size, batch.Width));
        Assert.Equal([5, 6, 7, 8, 0, 0, 9, 4, 0], batch.Ids);
        Assert.Equal([3, 1, 2], batch.Lengths);
        Assert.Equal([2, 0, 1], batch.Labels!);
        Assert.Equal([1f, 1, 1, 1, 0, 0, 1, 1, 0], batch.Mask().Data);
        Assert.Equal([3, 3], batch.Mask().Shape);
        Assert.Equal([5f, 6, 7, 8, 0, 0, 9, 4, 0], batch.IdsTensor().Data);
    }

    [Fact]
    public void Every_sequence_appears_once_per_pass_and_batches_are_sorted_within_their_pools()
    {
        var data = Sample(203, seed: 3);
        var batches = data.Batches(16, shuffle: true, rng: new Rng(9), poolBatches: 4).ToList();
        Assert.Equal(Enumerable.Range(0, 203), batches.SelectMany(b => b.Rows).Order());
        Assert.Equal(13, batches.Count);
        foreach (var b in batches)
        {
            Assert.Equal(b.Lengths.Max(), b.Width);
            for (int i = 0; i < b.Size; i++)
            {
                Assert.Equal(data.Length(b.Rows[i]), b.Lengths[i]);
                Assert.Equal(data.Labels![b.Rows[i]], b.Labels![i]);
                Assert.Equal(data.Sequence(b.Rows[i]).ToArray(), b.Ids.AsSpan(i * b.Width, b.Lengths[i]).ToArray());
                Assert.All(b.Ids.AsSpan((i * b.Width) + b.Lengths[i], b.Width - b.Lengths[i]).ToArray(), id => Assert.Equal(0, id));
            }

            Assert.True(b.Lengths.SequenceEqual(b.Lengths.Order()), "rows of a batch are sorted by length");
        }

        int padded = batches.Sum(b => b.Size * b.Width), real = batches.Sum(b => b.Lengths.Sum());
        int unsorted = data.Batches(16, shuffle: true, rng: new Rng(9), poolBatches: 1).Sum(b => b.Size * b.Width);
        Assert.True(padded < unsorted, $"pooling by length pads less ({padded} vs {unsorted} slots for {real} tokens)");
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches_and_no_shuffle_keeps_pool_order()
    {
        var data = Sample(100, seed: 4);
        var a = data.Batches(8, shuffle: true, rng: new Rng(1)).Select(b => b.Rows).ToList();
        var b = data.Batches(8, shuffle: true, rng: new Rng(1)).Select(b => b.Rows).ToList();
        Assert.Equal(a, b);
        var plain = data.Batches(8, poolBatches: 1).SelectMany(x => x.Rows).ToArray();
        Assert.Equal(Enumerable.Range(0, 100), plain.Chunk(8).SelectMany(c => c.Order()));
    }

    [Fact]
    public void Ragged_rows_without_lengths_are_rejected()
    {
        var e = Assert.Throws<ArgumentNullException>(() => SequenceDataset.FromConcatenated([3, 4, 5], null!, null, 10));
        Assert.Contains("ragged rows need their lengths", e.Message, StringComparison.Ordinal);
        Assert.Contains("sum to 2", Assert.Throws<ArgumentException>(() => SequenceDataset.FromConcatenated([3, 4, 5], [1, 1], null, 10)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "outside [1, 10)")]
    [InlineData(-2, "outside [1, 10)")]
    [InlineData(0, "0 is padding")]
    public void Ids_outside_the_vocabulary_or_padding_inside_a_sequence_are_rejected(int id, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => SequenceDataset.Create([[2, 3], [4, id]], null, vocabularySize: 10));
        Assert.Contains("sequence 1, position 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_sequences_and_bad_labels_are_rejected()
    {
        Assert.Contains("sequence 1 is empty", Assert.Throws<ArgumentException>(() => SequenceDataset.Create([[2], []], null, 10)).Message, StringComparison.Ordinal);
        Assert.Contains("2 sequences but 1 labels", Assert.Throws<ArgumentException>(() => SequenceDataset.Create([[2], [3]], [0], 10)).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => SequenceDataset.Create([[2], [3]], [0, -1], 10)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SequenceBatch.Pad(SequenceDataset.Create([[2]], null, 10), []));
        Assert.Throws<ArgumentNullException>(() => SequenceDataset.Create([[2]], null, 10).Batches(4, shuffle: true));
    }

    [Fact]
    public void A_subset_keeps_sequences_and_labels_in_the_given_order()
    {
        var data = SequenceDataset.Create([[5, 6, 7], [8], [9, 4]], [2, 0, 1], vocabularySize: 10);
        var sub = data.Subset([2, 0]);
        Assert.Equal((2, 3, 10), (sub.Count, sub.MaxLength, sub.VocabularySize));
        Assert.Equal([9, 4], sub.Sequence(0).ToArray());
        Assert.Equal([1, 2], sub.Labels!);
        Assert.Equal(3, sub.NumClasses);
    }
}
