using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "transformer": token embeddings plus learned position embeddings (one per position up to the encoder's maximum
/// length), dropout, batch-first Transformer encoder layers (post-norm, ReLU) that ignore padding through the key
/// padding mask, the mean over each text's tokens, dropout and the output layer.
/// </summary>
internal sealed class TransformerTextNetwork : TextNetwork
{
    private readonly Embedding _embedding;
    private readonly Embedding _positions;
    private readonly Dropout _inputDropout;
    private readonly TransformerEncoder _encoder;
    private readonly Dropout _dropout;
    private readonly Linear _output;

    public TransformerTextNetwork(TextModelConfig config, int vocabularySize, int classes, int maxLength, Rng rng)
        : base(vocabularySize, classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        float p = (float)config.Dropout;
        _embedding = new Embedding(vocabularySize, config.EmbeddingDim, rng.Derive()) { PaddingIdx = 0, Name = "embedding" };
        _positions = new Embedding(maxLength, config.EmbeddingDim, rng.Derive()) { Name = "positions" };
        _inputDropout = new Dropout(p, rng.Derive());
        _encoder = new TransformerEncoder(Enumerable.Range(0, config.Layers).Select(_ =>
            new TransformerEncoderLayer(config.EmbeddingDim, config.Heads, config.Hidden, p, batchFirst: true, rng: rng.Derive())).ToList());
        _dropout = new Dropout(p, rng.Derive());
        _output = new Linear(config.EmbeddingDim, classes, rng: rng.Derive()) { Name = "output" };
    }

    /// <summary>The longest text the position embeddings cover.</summary>
    public int MaxLength => _positions.Weight.Dim(0);

    public override Tensor Forward(SequenceBatch batch)
    {
        CheckIds(batch);
        if (batch.Width > MaxLength)
        {
            throw new ArgumentException($"{Name}: a text of {batch.Width} tokens is longer than the {MaxLength} positions the network embeds.", nameof(batch));
        }

        var tokens = _embedding.Forward(batch.Ids, [batch.Size, batch.Width]);
        var positions = _positions.Forward([.. Enumerable.Range(0, batch.Width)], [batch.Width]);
        var x = _inputDropout.Forward(Functional.Add(tokens, positions));
        var padding = new bool[batch.Size, batch.Width];
        for (int b = 0; b < batch.Size; b++)
        {
            for (int t = batch.Lengths[b]; t < batch.Width; t++)
            {
                padding[b, t] = true;
            }
        }

        var encoded = _encoder.Forward(x, padding, null);
        return _output.Forward(_dropout.Forward(Functional.MaskedMeanPool(encoded, batch.Lengths, "transformer")));
    }

    public override IEnumerable<(string Name, Module Module)> Children() =>
        [("embedding", _embedding), ("positions", _positions), ("input_dropout", _inputDropout), ("encoder", _encoder), ("dropout", _dropout), ("output", _output)];
}
