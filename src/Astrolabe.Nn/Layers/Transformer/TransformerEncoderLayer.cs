namespace Astrolabe.Nn;

/// <summary>
/// One Transformer encoder layer as PyTorch's <c>nn.TransformerEncoderLayer</c>: self-attention and a feed-forward
/// block (<c>linear2(dropout(activation(linear1(x))))</c>), each with dropout and a residual connection, and layer
/// normalisation after each residual sum (post-norm, the default) or before each block (<c>normFirst</c>):
/// <code>
/// post-norm: x = norm1(x + dropout1(self_attn(x)));  x = norm2(x + dropout2(ff(x)))
/// pre-norm:  x = x + dropout1(self_attn(norm1(x)));  x = x + dropout2(ff(norm2(x)))
/// </code>
/// </summary>
/// <remarks>
/// Parameters carry PyTorch's names: <c>self_attn.in_proj_weight</c>, <c>self_attn.in_proj_bias</c>,
/// <c>self_attn.out_proj.weight</c>, <c>self_attn.out_proj.bias</c>, <c>linear1.*</c>, <c>linear2.*</c>,
/// <c>norm1.*</c>, <c>norm2.*</c>. The input is [B, T, E] with <c>batchFirst</c>, else [T, B, E] (PyTorch's default);
/// the key padding mask is [B, T] either way.
/// </remarks>
public sealed class TransformerEncoderLayer : Module
{
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the layer.</summary>
    /// <param name="dModel">The model width E (positive, divisible by <paramref name="nhead"/>).</param>
    /// <param name="nhead">The number of attention heads.</param>
    /// <param name="dimFeedforward">The hidden width of the feed-forward block.</param>
    /// <param name="dropout">The dropout probability (attention weights, feed-forward hidden, both residual branches).</param>
    /// <param name="activation">"relu" or "gelu" (exact erf form).</param>
    /// <param name="layerNormEps">The layer norms' epsilon.</param>
    /// <param name="batchFirst">Whether inputs are [B, T, E] (else [T, B, E]).</param>
    /// <param name="normFirst">Whether to normalise before each block (pre-norm) rather than after each residual sum.</param>
    /// <param name="rng">The random source for initialisation and dropout (default: <see cref="Seed"/>).</param>
    /// <exception cref="ArgumentException">An unknown activation, or a width not divisible by the heads.</exception>
    public TransformerEncoderLayer(
        int dModel, int nhead, int dimFeedforward = 2048, float dropout = 0.1f, string activation = "relu",
        float layerNormEps = 1e-5f, bool batchFirst = false, bool normFirst = false, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimFeedforward);
        _activation = activation switch
        {
            "relu" => Functional.Relu,
            "gelu" => Functional.Gelu,
            _ => throw new ArgumentException($"TransformerEncoderLayer: activation must be \"relu\" or \"gelu\", got \"{activation}\".", nameof(activation)),
        };
        rng ??= Seed.Next();
        Activation = activation;
        BatchFirst = batchFirst;
        NormFirst = normFirst;
        SelfAttn = new MultiheadAttention(dModel, nhead, dropout, bias: true, Derive(rng)) { Name = "self_attn" };
        Linear1 = new Linear(dModel, dimFeedforward, rng: Derive(rng)) { Name = "linear1" };
        FeedForwardDropout = new Dropout(dropout, Derive(rng)) { Name = "dropout" };
        Linear2 = new Linear(dimFeedforward, dModel, rng: Derive(rng)) { Name = "linear2" };
        Norm1 = new LayerNorm(dModel) { Eps = layerNormEps, Name = "norm1" };
        Norm2 = new LayerNorm(dModel) { Eps = layerNormEps, Name = "norm2" };
        Dropout1 = new Dropout(dropout, Derive(rng)) { Name = "dropout1" };
        Dropout2 = new Dropout(dropout, Derive(rng)) { Name = "dropout2" };
    }

    /// <summary>The self-attention block.</summary>
    public MultiheadAttention SelfAttn { get; }

    /// <summary>The first feed-forward projection (E → dimFeedforward).</summary>
    public Linear Linear1 { get; }

    /// <summary>The dropout inside the feed-forward block (PyTorch's <c>dropout</c>).</summary>
    public Dropout FeedForwardDropout { get; }

    /// <summary>The second feed-forward projection (dimFeedforward → E).</summary>
    public Linear Linear2 { get; }

    /// <summary>The normalisation of the attention block.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>The normalisation of the feed-forward block.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>The dropout on the attention branch.</summary>
    public Dropout Dropout1 { get; }

    /// <summary>The dropout on the feed-forward branch.</summary>
    public Dropout Dropout2 { get; }

    /// <summary>The activation's name ("relu" or "gelu").</summary>
    public string Activation { get; }

    /// <summary>Whether inputs are [B, T, E].</summary>
    public bool BatchFirst { get; }

    /// <summary>Whether the layer normalises before each block.</summary>
    public bool NormFirst { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Forward(x, null, null);

    /// <summary>Encodes <paramref name="src"/>.</summary>
    /// <param name="src">[B, T, E] with <see cref="BatchFirst"/>, else [T, B, E].</param>
    /// <param name="srcKeyPaddingMask">[B, T], true at padding positions (never attended to); or null.</param>
    /// <param name="srcMask">[T, T] attention mask; or null.</param>
    /// <returns>The encoding, shaped as the input.</returns>
    /// <exception cref="ArgumentException">The input is not rank 3 with width E, or a mask does not match it.</exception>
    public Tensor Forward(Tensor src, bool[,]? srcKeyPaddingMask, AttentionMask? srcMask)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (src.Rank != 3)
        {
            throw new ArgumentException(
                $"{Name}: expected a rank-3 input {(BatchFirst ? "[B, T, E]" : "[T, B, E]")}, got {Shapes.Format(src.ShapeSpan)}.");
        }

        var x = BatchFirst ? src : LeadingDims.Swap(src);
        if (NormFirst)
        {
            x = Functional.Add(x, SelfAttentionBlock(Norm1.Forward(x), srcKeyPaddingMask, srcMask));
            x = Functional.Add(x, FeedForwardBlock(Norm2.Forward(x)));
        }
        else
        {
            x = Norm1.Forward(Functional.Add(x, SelfAttentionBlock(x, srcKeyPaddingMask, srcMask)));
            x = Norm2.Forward(Functional.Add(x, FeedForwardBlock(x)));
        }

        return BatchFirst ? x : LeadingDims.Swap(x);
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() =>
    [
        ("self_attn", SelfAttn), ("linear1", Linear1), ("dropout", FeedForwardDropout), ("linear2", Linear2),
        ("norm1", Norm1), ("norm2", Norm2), ("dropout1", Dropout1), ("dropout2", Dropout2),
    ];

    private static Rng Derive(Rng rng) => new((long)rng.NextUInt64());

    private Tensor SelfAttentionBlock(Tensor x, bool[,]? keyPaddingMask, AttentionMask? mask) =>
        Dropout1.Forward(SelfAttn.Forward(x, x, x, keyPaddingMask, mask, needWeights: false).Output);

    private Tensor FeedForwardBlock(Tensor x) =>
        Dropout2.Forward(Linear2.Forward(FeedForwardDropout.Forward(_activation(Linear1.Forward(x)))));
}
