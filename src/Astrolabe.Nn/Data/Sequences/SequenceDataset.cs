namespace Astrolabe.Nn.Data.Sequences;

/// <summary>
/// Variable-length token sequences with optional class labels: every sequence has at least one id, and every id is
/// in [1, <see cref="VocabularySize"/>) — id 0 is reserved for padding and never appears inside a sequence. Ids are
/// stored concatenated with one length per sequence. Immutable by convention.
/// </summary>
public sealed class SequenceDataset
{
    private readonly int[] _ids;
    private readonly int[] _offsets;

    private SequenceDataset(int[] ids, int[] offsets, int[]? labels, int vocabularySize)
    {
        _ids = ids;
        _offsets = offsets;
        Labels = labels;
        VocabularySize = vocabularySize;
        NumClasses = labels is { Length: > 0 } ? labels.Max() + 1 : 0;
    }

    /// <summary>Creates a dataset from one id array per sequence.</summary>
    /// <param name="sequences">The sequences (each non-empty, ids in [1, <paramref name="vocabularySize"/>)).</param>
    /// <param name="labels">One class index ≥ 0 per sequence, or null (unlabelled data to predict).</param>
    /// <param name="vocabularySize">The number of ids, padding included (the rows of an embedding table).</param>
    /// <returns>The dataset (the arrays are copied).</returns>
    /// <exception cref="ArgumentException">An empty sequence, an id out of range or 0, a negative label, or sizes that disagree.</exception>
    public static SequenceDataset Create(IReadOnlyList<int[]> sequences, int[]? labels, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var lengths = new int[sequences.Count];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = sequences[i]?.Length ?? throw new ArgumentException($"SequenceDataset: sequence {i} is null.", nameof(sequences));
        }

        var ids = new int[lengths.Sum()];
        for (int i = 0, at = 0; i < lengths.Length; at += lengths[i], i++)
        {
            sequences[i].CopyTo(ids, at);
        }

        return FromConcatenated(ids, lengths, labels, vocabularySize);
    }

    /// <summary>Creates a dataset from ragged rows stored one after another, cut by <paramref name="lengths"/>.</summary>
    /// <param name="ids">The ids of every sequence, concatenated.</param>
    /// <param name="lengths">Each sequence's length (each ≥ 1, summing to the number of ids); ragged rows cannot be cut without them.</param>
    /// <param name="labels">One class index ≥ 0 per sequence, or null.</param>
    /// <param name="vocabularySize">The number of ids, padding included.</param>
    /// <returns>The dataset (the arrays are copied).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lengths"/> is null.</exception>
    /// <exception cref="ArgumentException">A length &lt; 1, lengths that do not sum to the ids, an id out of range or 0, a negative label.</exception>
    public static SequenceDataset FromConcatenated(int[] ids, int[] lengths, int[]? labels, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (lengths is null)
        {
            throw new ArgumentNullException(nameof(lengths), "SequenceDataset: ragged rows need their lengths (one per sequence).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 2);
        var offsets = new int[lengths.Length + 1];
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 1)
            {
                throw new ArgumentException($"SequenceDataset: sequence {i} is empty; every sequence needs at least one token (encode an empty text as the unknown id).", nameof(lengths));
            }

            offsets[i + 1] = checked(offsets[i] + lengths[i]);
        }

        if (offsets[^1] != ids.Length)
        {
            throw new ArgumentException($"SequenceDataset: the lengths sum to {offsets[^1]} but there are {ids.Length} ids.", nameof(lengths));
        }

        for (int s = 0; s < lengths.Length; s++)
        {
            for (int k = offsets[s]; k < offsets[s + 1]; k++)
            {
                if (ids[k] < 1 || ids[k] >= vocabularySize)
                {
                    throw new ArgumentException(
                        $"SequenceDataset: sequence {s}, position {k - offsets[s]} has token id {ids[k]}, outside [1, {vocabularySize}) (0 is padding).", nameof(ids));
                }
            }
        }

        if (labels is not null)
        {
            if (labels.Length != lengths.Length)
            {
                throw new ArgumentException($"SequenceDataset: {lengths.Length} sequences but {labels.Length} labels.", nameof(labels));
            }

            int bad = Array.FindIndex(labels, l => l < 0);
            if (bad >= 0)
            {
                throw new ArgumentException($"SequenceDataset: label {labels[bad]} of sequence {bad} is negative.", nameof(labels));
            }
        }

        return new SequenceDataset((int[])ids.Clone(), offsets, (int[]?)labels?.Clone(), vocabularySize);
    }

    /// <summary>The number of sequences.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The number of ids, padding included.</summary>
    public int VocabularySize { get; }

    /// <summary>Class indices, or null for unlabelled data.</summary>
    public int[]? Labels { get; }

    /// <summary>1 + the largest label (0 when unlabelled or empty).</summary>
    public int NumClasses { get; }

    /// <summary>The longest sequence's length (0 when empty).</summary>
    public int MaxLength => Count == 0 ? 0 : Enumerable.Range(0, Count).Max(Length);

    /// <summary>The length of sequence <paramref name="index"/>.</summary>
    /// <param name="index">A sequence index.</param>
    /// <returns>Its number of ids.</returns>
    public int Length(int index) => _offsets[index + 1] - _offsets[index];

    /// <summary>The ids of sequence <paramref name="index"/>.</summary>
    /// <param name="index">A sequence index.</param>
    /// <returns>A view of its ids.</returns>
    public ReadOnlySpan<int> Sequence(int index) => _ids.AsSpan(_offsets[index], Length(index));

    /// <summary>The sequences at <paramref name="indices"/>, in that order.</summary>
    /// <param name="indices">Sequence indices.</param>
    /// <returns>The subset.</returns>
    public SequenceDataset Subset(ReadOnlySpan<int> indices)
    {
        var offsets = new int[indices.Length + 1];
        for (int i = 0; i < indices.Length; i++)
        {
            offsets[i + 1] = offsets[i] + Length(indices[i]);
        }

        var ids = new int[offsets[^1]];
        int[]? labels = Labels is null ? null : new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Sequence(indices[i]).CopyTo(ids.AsSpan(offsets[i]));
            if (labels is not null)
            {
                labels[i] = Labels![indices[i]];
            }
        }

        return new SequenceDataset(ids, offsets, labels, VocabularySize);
    }

    /// <summary>
    /// Mini-batches padded to their longest row, grouped by length to waste little padding: the sequences (shuffled
    /// with <paramref name="rng"/> when <paramref name="shuffle"/>, else in order) are cut into pools of
    /// <paramref name="poolBatches"/> × <paramref name="batchSize"/>; each pool is sorted by length (stable, so equal
    /// lengths keep their order) and cut into batches; with shuffling the batches' order is shuffled too. The last
    /// batch may be smaller; every sequence appears exactly once per pass. <paramref name="poolBatches"/> = 1 keeps
    /// each batch's members as drawn (sorted only inside the batch).
    /// </summary>
    /// <param name="batchSize">Sequences per batch (positive).</param>
    /// <param name="shuffle">Whether to draw a new random order (a seeded <paramref name="rng"/> is then required).</param>
    /// <param name="rng">The random source when shuffling.</param>
    /// <param name="poolBatches">Batches per length-sorted pool (positive).</param>
    /// <returns>The batches.</returns>
    public IEnumerable<SequenceBatch> Batches(int batchSize, bool shuffle = false, Rng? rng = null, int poolBatches = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(poolBatches);
        if (shuffle && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "Shuffling needs a seeded Rng.");
        }

        return BucketOrder.Batches(this, batchSize, shuffle ? rng : null, poolBatches).Select(rows => SequenceBatch.Pad(this, rows));
    }
}
