using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A text classifier network: maps a padded batch of token ids (<see cref="SequenceBatch"/>: ids [B, T], id 0 at
/// padding, each row's length) to class logits [B, classes].
/// </summary>
internal abstract class TextNetwork : Module
{
    protected TextNetwork(int vocabularySize, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        VocabularySize = vocabularySize;
        Classes = classes;
    }

    /// <summary>The rows of the token embedding (ids 0 … size − 1; 0 is padding).</summary>
    public int VocabularySize { get; }

    /// <summary>The outputs.</summary>
    public int Classes { get; }

    /// <summary>The logits of a batch.</summary>
    /// <param name="batch">The padded batch.</param>
    /// <returns>[B, classes].</returns>
    public abstract Tensor Forward(SequenceBatch batch);

    /// <summary>
    /// The logits of ids [B, T] stored as whole numbers, each row padded with 0 after its tokens (a row's length is
    /// the position of its first 0, or T).
    /// </summary>
    /// <param name="x">The ids [B, T].</param>
    /// <returns>[B, classes].</returns>
    /// <exception cref="ArgumentException">Not rank 2, a row that starts with padding, or an id outside the vocabulary.</exception>
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException($"{Name}: expected token ids [batch, time], got rank {x.Rank}.", nameof(x));
        }

        int b = x.Dim(0), t = x.Dim(1);
        var rows = new int[b][];
        for (int i = 0; i < b; i++)
        {
            var row = x.Data.AsSpan(i * t, t);
            int length = row.IndexOf(0f) is var z and >= 0 ? z : t;
            if (length == 0)
            {
                throw new ArgumentException($"{Name}: row {i} starts with padding (id 0); every text needs at least one token.", nameof(x));
            }

            rows[i] = new int[length];
            for (int s = 0; s < length; s++)
            {
                float v = row[s];
                if (v != MathF.Floor(v) || v < 1 || v >= VocabularySize)
                {
                    throw new ArgumentException($"{Name}: token id {v} of row {i} is not a whole number in [1, {VocabularySize}).", nameof(x));
                }

                rows[i][s] = (int)v;
            }
        }

        var data = SequenceDataset.Create(rows, null, VocabularySize);
        return Forward(SequenceBatch.Pad(data, [.. Enumerable.Range(0, b)]));
    }

    /// <summary>Checks that the batch's ids fit the embedding (a vocabulary other than the network's).</summary>
    protected void CheckIds(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int max = 0;
        foreach (int id in batch.Ids)
        {
            max = Math.Max(max, id);
        }

        if (max >= VocabularySize)
        {
            throw new ArgumentException($"{Name}: token id {max} is outside the network's vocabulary of {VocabularySize} ids.", nameof(batch));
        }
    }

    /// <summary>The sub-modules' names and modules, the nulls left out.</summary>
    protected static IEnumerable<(string Name, Module Module)> Present(params (string Name, Module? Module)[] children) =>
        children.Where(c => c.Module is not null).Select(c => (c.Name, c.Module!));
}
