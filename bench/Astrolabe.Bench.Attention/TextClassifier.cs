using Astrolabe.Nn;
using Astrolabe.Optim;

namespace Astrolabe.Bench.Attention;

/// <summary>
/// The benchmarked model: a Transformer-encoder text classifier on pre-embedded input [B, T, D] (no embedding layer):
/// N post-norm encoder layers (ReLU, dropout 0.1, key padding mask), mean pooling over each sequence's length, and a
/// linear head; one step = zero grad, forward, mean cross-entropy, backward, Adam (lr 1e-3).
/// </summary>
internal sealed class TextClassifier
{
    private readonly TransformerEncoder _encoder;
    private readonly Linear _head;
    private readonly Tensor _x;
    private readonly int[] _y;
    private readonly int[] _lengths;
    private readonly bool[,] _padding;
    private readonly Optimizer _optimizer;
    private readonly TensorArena _arena = new();

    public TextClassifier(Shape s)
    {
        var rng = new Rng(0);
        _encoder = new TransformerEncoder(Enumerable.Range(0, s.Layers).Select(_ =>
            new TransformerEncoderLayer(s.D, s.Heads, s.Ff, dropout: 0.1f, batchFirst: true, rng: rng)));
        _head = new Linear(s.D, s.Classes, rng: rng);
        _x = Tensor.Randn(rng, s.B, s.T, s.D);
        _y = [.. Enumerable.Range(0, s.B).Select(_ => rng.NextInt(s.Classes))];
        (_lengths, _padding) = Lengths(s);
        _optimizer = Optimizers.Adam(new Both(_encoder, _head).Parameters(), lr: 1e-3);
    }

    /// <summary>The lengths both sides use: T/2 + (b·7 mod T/2) + 1 (so some sequences are full, most padded).</summary>
    public static (int[] Lengths, bool[,] Padding) Lengths(Shape s)
    {
        var lengths = Enumerable.Range(0, s.B).Select(b => Math.Min(s.T, (s.T / 2) + (b * 7 % (s.T / 2)) + 1)).ToArray();
        var padding = new bool[s.B, s.T];
        for (int b = 0; b < s.B; b++)
        {
            for (int t = lengths[b]; t < s.T; t++)
            {
                padding[b, t] = true;
            }
        }

        return (lengths, padding);
    }

    public void Step()
    {
        using var scope = _arena.Enter();
        _optimizer.ZeroGrad();
        var h = _encoder.Forward(_x, _padding, null);
        var logits = _head.Forward(Functional.MaskedMeanPool(h, _lengths));
        Functional.CrossEntropy(logits, _y).Backward();
        _optimizer.Step();
    }
}

/// <summary>The encoder and the head as one module, for their parameters (<c>encoder.*</c>, <c>head.*</c>).</summary>
internal sealed class Both(Module encoder, Module head) : Module
{
    public override Tensor Forward(Tensor x) => throw new NotSupportedException();

    public override IEnumerable<(string Name, Module Module)> Children() => [("encoder", encoder), ("head", head)];
}

/// <summary>The benchmarked sizes.</summary>
internal sealed record Shape(int B, int T, int D, int Heads, int Ff, int Layers, int Classes)
{
    public static Shape Demo { get; } = new(32, 64, 64, 4, 128, 2, 3);

    public string Name => $"transformer_b{B}_t{T}_d{D}_h{Heads}_ff{Ff}_l{Layers}";
}
