using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "textcnn" (Kim, 2014): token embeddings [B, T, E], one 1-D convolution per kernel width k (zero padding k − 1 at
/// both ends, so every position that covers a token counts, even in a text shorter than k), ReLU, the maximum over
/// each text's <c>length + k − 1</c> valid positions, the widths' features concatenated, dropout, the output layer.
/// </summary>
internal sealed class TextCnnNetwork : TextNetwork
{
    private readonly Embedding _embedding;
    private readonly Conv1d[] _convs;
    private readonly Dropout _dropout;
    private readonly Linear _output;

    public TextCnnNetwork(TextModelConfig config, int vocabularySize, int classes, Rng rng)
        : base(vocabularySize, classes)
    {
        _embedding = new Embedding(vocabularySize, config.EmbeddingDim, rng.Derive()) { PaddingIdx = 0, Name = "embedding" };
        _convs = [.. config.KernelSizes.Select(k => new Conv1d(config.EmbeddingDim, config.Channels, k, padding: k - 1, rng: rng.Derive()) { Name = $"conv{k}" })];
        _dropout = new Dropout((float)config.Dropout, rng.Derive());
        _output = new Linear(config.Channels * _convs.Length, classes, rng: rng.Derive()) { Name = "output" };
    }

    public override Tensor Forward(SequenceBatch batch)
    {
        CheckIds(batch);
        var x = Functional.Transpose(_embedding.Forward(batch.Ids, [batch.Size, batch.Width]), 1, 2);
        var pooled = new Tensor[_convs.Length];
        for (int i = 0; i < _convs.Length; i++)
        {
            int k = _convs[i].Weight.Dim(2);
            var y = Functional.Transpose(Functional.Relu(_convs[i].Forward(x)), 1, 2);
            pooled[i] = Functional.MaskedMaxPool(y, [.. batch.Lengths.Select(l => l + k - 1)], _convs[i].Name);
        }

        var h = pooled.Length == 1 ? pooled[0] : Functional.Concat(pooled, 1);
        return _output.Forward(_dropout.Forward(h));
    }

    public override IEnumerable<(string Name, Module Module)> Children() =>
        [("embedding", _embedding), .. _convs.Select((c, i) => ($"convs.{i}", (Module)c)), ("dropout", _dropout), ("output", _output)];
}
