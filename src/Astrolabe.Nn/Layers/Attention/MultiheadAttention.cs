namespace Astrolabe.Nn;

/// <summary>
/// Multi-head attention as PyTorch's <c>nn.MultiheadAttention</c> with <c>batch_first=True</c>: query [B, L, E], key
/// and value [B, S, E]; <c>out_proj(concat_h softmax(Q_h·K_hᵀ/√d + mask)·V_h)</c> with d = E / heads, the
/// projections <c>[Q K V] = [query key value]·in_proj_weightᵀ + in_proj_bias</c>.
/// </summary>
/// <remarks>
/// Parameters, with PyTorch's names and initialisation: <c>in_proj_weight</c> [3E, E] (Xavier uniform),
/// <c>in_proj_bias</c> [3E] (zeros), <c>out_proj.weight</c> [E, E] (Kaiming uniform, a = √5) and
/// <c>out_proj.bias</c> [E] (zeros). Dropout acts on the attention weights in training mode only.
/// Masks: <c>keyPaddingMask</c> [B, S] is true at keys to ignore; <c>attnMask</c> [L, S] is added to the scaled scores
/// (a boolean one blocks with −∞). A target position whose every key is masked gets NaN outputs, as in PyTorch 1.13
/// (its softmax divides zero by zero); mask so that each row keeps at least one key.
/// </remarks>
public sealed class MultiheadAttention : Module
{
    private readonly Rng _rng;

    /// <summary>Creates the layer.</summary>
    /// <param name="embedDim">The model width E (positive).</param>
    /// <param name="numHeads">The number of heads; must divide <paramref name="embedDim"/>.</param>
    /// <param name="dropout">The dropout probability on the attention weights, in [0, 1).</param>
    /// <param name="bias">Whether the input and output projections have biases.</param>
    /// <param name="rng">The random source for initialisation and dropout (default: <see cref="Seed"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="embedDim"/> is not divisible by <paramref name="numHeads"/>.</exception>
    public MultiheadAttention(int embedDim, int numHeads, float dropout = 0f, bool bias = true, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embedDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numHeads);
        if (embedDim % numHeads != 0)
        {
            throw new ArgumentException($"MultiheadAttention: embedDim {embedDim} is not divisible by numHeads {numHeads}.", nameof(numHeads));
        }

        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout probability must be in [0, 1).");
        }

        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        _rng = rng ?? Seed.Next();
        InProjWeight = NewParameter("in_proj_weight", 3 * embedDim, embedDim);
        Init.XavierUniform(InProjWeight, _rng);
        if (bias)
        {
            InProjBias = NewParameter("in_proj_bias", 3 * embedDim);
        }

        OutProj = new Linear(embedDim, embedDim, bias, _rng) { Name = "out_proj" };
        if (OutProj.Bias is { } ob)
        {
            Array.Clear(ob.Data);
        }
    }

    /// <summary>The model width E.</summary>
    public int EmbedDim { get; }

    /// <summary>The number of heads.</summary>
    public int NumHeads { get; }

    /// <summary>The dropout probability on the attention weights.</summary>
    public float Dropout { get; }

    /// <summary>The packed query, key and value projection weights [3E, E] (rows 0..E−1 for the query).</summary>
    public Tensor InProjWeight { get; }

    /// <summary>The packed projection biases [3E], or null.</summary>
    public Tensor? InProjBias { get; }

    /// <summary>The output projection (E → E).</summary>
    public Linear OutProj { get; }

    /// <summary>Self-attention of <paramref name="x"/> [B, L, E] (no masks), the output only.</summary>
    /// <param name="x">The input [B, L, E].</param>
    /// <returns>The output [B, L, E].</returns>
    public override Tensor Forward(Tensor x) => Forward(x, x, x, needWeights: false).Output;

    /// <summary>
    /// Attention of <paramref name="query"/> over <paramref name="key"/> and <paramref name="value"/>; pass the same
    /// tensor three times for self-attention (it is then projected in one product).
    /// </summary>
    /// <param name="query">[B, L, E].</param>
    /// <param name="key">[B, S, E].</param>
    /// <param name="value">[B, S, E].</param>
    /// <param name="keyPaddingMask">[B, S], true at keys to ignore; or null.</param>
    /// <param name="attnMask">[L, S], added to the scaled scores; or null.</param>
    /// <param name="needWeights">Whether to return the attention weights averaged over heads.</param>
    /// <returns>The output [B, L, E] and, when asked, the weights [B, L, S].</returns>
    /// <exception cref="ArgumentException">A shape does not match (ranks, widths, batch sizes, mask shapes).</exception>
    public AttentionResult Forward(Tensor query, Tensor key, Tensor value, bool[,]? keyPaddingMask = null, AttentionMask? attnMask = null, bool needWeights = true)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        CheckShapes(query, key, value);
        int b = query.Dim(0), l = query.Dim(1), s = key.Dim(1);
        bool[]? padding = null;
        if (keyPaddingMask is not null)
        {
            if (keyPaddingMask.GetLength(0) != b || keyPaddingMask.GetLength(1) != s)
            {
                throw new ArgumentException(
                    $"{Name}: keyPaddingMask is [{keyPaddingMask.GetLength(0)}, {keyPaddingMask.GetLength(1)}], expected [B, S] = [{b}, {s}].", nameof(keyPaddingMask));
            }

            padding = new bool[b * s];
            Buffer.BlockCopy(keyPaddingMask, 0, padding, 0, b * s);
        }

        if (attnMask is not null && (attnMask.Rows != l || attnMask.Columns != s))
        {
            throw new ArgumentException(
                $"{Name}: attnMask is [{attnMask.Rows}, {attnMask.Columns}], expected [L, S] = [{l}, {s}].", nameof(attnMask));
        }

        var (context, weights) = AttentionCore.Forward(query, key, value, InProjWeight, InProjBias, NumHeads, padding, attnMask,
            IsTraining ? Dropout : 0f, _rng, needWeights);
        return new AttentionResult(Functional.Linear(context, OutProj.Weight, OutProj.Bias, Name), weights);
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() => [("out_proj", OutProj)];

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() =>
        InProjBias is null ? [("in_proj_weight", InProjWeight)] : [("in_proj_weight", InProjWeight), ("in_proj_bias", InProjBias)];

    private void CheckShapes(Tensor query, Tensor key, Tensor value)
    {
        foreach (var (t, what, layout) in (ReadOnlySpan<(Tensor, string, string)>)[(query, "query", "[B, L, E]"), (key, "key", "[B, S, E]"), (value, "value", "[B, S, E]")])
        {
            if (t.Rank != 3 || t.Dim(2) != EmbedDim)
            {
                throw new ArgumentException($"{Name}: {what} must be {layout} with E = {EmbedDim}, got {Shapes.Format(t.ShapeSpan)}.");
            }
        }

        if (!Shapes.Equal(key.ShapeSpan, value.ShapeSpan))
        {
            throw new ArgumentException($"{Name}: key {Shapes.Format(key.ShapeSpan)} and value {Shapes.Format(value.ShapeSpan)} must have the same shape.");
        }

        if (key.Dim(0) != query.Dim(0))
        {
            throw new ArgumentException($"{Name}: query has batch {query.Dim(0)}, key and value {key.Dim(0)}.");
        }

        if (query.Dim(1) == 0 || key.Dim(1) == 0 || query.Dim(0) == 0)
        {
            throw new ArgumentException($"{Name}: empty batch or sequence (query {Shapes.Format(query.ShapeSpan)}, key {Shapes.Format(key.ShapeSpan)}).");
        }
    }
}
