using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "gru" and "lstm": token embeddings, a (bidirectional, stacked) recurrent layer run with each text's length, then
/// either the last layer's final states (both directions concatenated) or the mean of its outputs over the text's
/// tokens, dropout and the output layer.
/// </summary>
internal sealed class RecurrentTextNetwork : TextNetwork
{
    private readonly Embedding _embedding;
    private readonly RecurrentLayer _rnn;
    private readonly Dropout _dropout;
    private readonly Linear _output;
    private readonly bool _meanPool;

    public RecurrentTextNetwork(TextModelConfig config, int vocabularySize, int classes, Rng rng)
        : base(vocabularySize, classes)
    {
        _embedding = new Embedding(vocabularySize, config.EmbeddingDim, rng.Derive()) { PaddingIdx = 0, Name = "embedding" };
        float between = config.Layers > 1 ? (float)config.Dropout : 0f;
        _rnn = config.Family == TextFamilyKind.Lstm
            ? new Lstm(config.EmbeddingDim, config.Hidden, config.Layers, config.Bidirectional, between, rng: rng.Derive()) { Name = "lstm" }
            : new Gru(config.EmbeddingDim, config.Hidden, config.Layers, config.Bidirectional, between, rng: rng.Derive()) { Name = "gru" };
        _meanPool = config.MeanPool;
        _dropout = new Dropout((float)config.Dropout, rng.Derive());
        _output = new Linear(config.Hidden * (config.Bidirectional ? 2 : 1), classes, rng: rng.Derive()) { Name = "output" };
    }

    public override Tensor Forward(SequenceBatch batch)
    {
        CheckIds(batch);
        var x = _embedding.Forward(batch.Ids, [batch.Size, batch.Width]);
        var result = _rnn switch
        {
            Lstm lstm => lstm.Forward(x, batch.Lengths),
            _ => ((Gru)_rnn).Forward(x, batch.Lengths),
        };
        var h = _meanPool ? Functional.MaskedMeanPool(result.Output, batch.Lengths, _rnn.Name) : LastStates(result.Hidden, batch.Size);
        return _output.Forward(_dropout.Forward(h));
    }

    /// <summary>The last layer's final states [directions, B, H] as [B, directions·H] (forward direction first).</summary>
    private Tensor LastStates(Tensor hidden, int batch)
    {
        int directions = _rnn.Bidirectional ? 2 : 1;
        int first = (_rnn.NumLayers - 1) * directions;
        var last = Functional.IndexSelect(hidden, 0, [.. Enumerable.Range(first, directions)]);
        return Functional.Reshape(Functional.Permute(last, 1, 0, 2), batch, directions * _rnn.HiddenSize);
    }

    public override IEnumerable<(string Name, Module Module)> Children() =>
        [("embedding", _embedding), ("rnn", _rnn), ("dropout", _dropout), ("output", _output)];
}
