using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "bag" (fastText): the mean of the embeddings of a text's tokens and, with bigram buckets, of its hashed word
/// bigrams (row <c>vocabulary + hash(a, b) mod buckets</c> of the same table), then an optional ReLU hidden layer,
/// dropout and the output layer. The table starts U(−1/dim, 1/dim) as fastText's (not N(0, 1)): a bag averages
/// dozens of rows, and large random rows of rare tokens would drown the signal.
/// </summary>
internal sealed class BagNetwork : TextNetwork
{
    private readonly EmbeddingBag _table;
    private readonly Linear? _hidden;
    private readonly Dropout _dropout;
    private readonly Linear _output;

    public BagNetwork(TextModelConfig config, int vocabularySize, int classes, Rng rng, bool sparse)
        : base(vocabularySize, classes)
    {
        BigramBuckets = config.BigramBuckets;
        var tableRng = rng.Derive();
        _table = new EmbeddingBag(vocabularySize + BigramBuckets, config.EmbeddingDim, EmbeddingBagMode.Mean, tableRng) { Sparse = sparse, Name = "bag" };

        // fastText's initialisation, U(−1/dim, 1/dim): small rows, so rare tokens and bigrams add little noise to a bag.
        Init.Uniform(_table.Weight, tableRng, 1.0 / config.EmbeddingDim);
        int width = config.EmbeddingDim;
        if (config.Hidden > 0)
        {
            _hidden = new Linear(width, config.Hidden, rng: rng.Derive()) { Name = "hidden" };
            width = config.Hidden;
        }

        _dropout = new Dropout((float)config.Dropout, rng.Derive());
        _output = new Linear(width, classes, rng: rng.Derive()) { Name = "output" };
    }

    /// <summary>The bigram hash buckets (0: none).</summary>
    public int BigramBuckets { get; }

    /// <summary>The embedding table (tokens, then bigram buckets).</summary>
    public EmbeddingBag Table => _table;

    public override Tensor Forward(SequenceBatch batch)
    {
        CheckIds(batch);
        var (indices, offsets) = Bags(batch);
        var h = _table.Forward(indices, offsets);
        if (_hidden is not null)
        {
            h = Functional.Relu(_hidden.Forward(h));
        }

        return _output.Forward(_dropout.Forward(h));
    }

    /// <summary>Each row's token ids followed by its bigram rows, bags one after another.</summary>
    private (int[] Indices, int[] Offsets) Bags(SequenceBatch batch)
    {
        int bigrams = BigramBuckets > 0 ? batch.Lengths.Sum(l => l - 1) : 0;
        var indices = new int[batch.Lengths.Sum() + bigrams];
        var offsets = new int[batch.Size];
        int k = 0;
        for (int b = 0; b < batch.Size; b++)
        {
            offsets[b] = k;
            var row = batch.Ids.AsSpan(b * batch.Width, batch.Lengths[b]);
            row.CopyTo(indices.AsSpan(k));
            k += row.Length;
            if (BigramBuckets > 0)
            {
                for (int t = 0; t + 1 < row.Length; t++)
                {
                    indices[k++] = VocabularySize + Bucket(row[t], row[t + 1], BigramBuckets);
                }
            }
        }

        return (indices, offsets);
    }

    /// <summary>The bucket of the bigram (a, b): a fixed multiplicative hash, the same on every run and machine.</summary>
    internal static int Bucket(int a, int b, int buckets)
    {
        ulong h = (((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ (uint)b) * 0xBF58476D1CE4E5B9UL;
        return (int)((h >> 17) % (ulong)buckets);
    }

    public override IEnumerable<(string Name, Module Module)> Children() =>
        Present(("bag", _table), ("hidden", _hidden), ("dropout", _dropout), ("output", _output));
}
