namespace Astrolabe.Nn;

/// <summary>
/// A stack of <see cref="TransformerEncoderLayer"/>s with an optional final layer norm, as PyTorch's
/// <c>nn.TransformerEncoder</c>; the padding mask and attention mask go to every layer. Parameters are named
/// <c>layers.i.*</c> and <c>norm.*</c>.
/// </summary>
/// <remarks>
/// PyTorch builds its layers as deep copies of one layer, so they start with equal parameters; here each layer is
/// given (and usually initialised independently). Copy the parameters across to reproduce PyTorch's start exactly.
/// </remarks>
public sealed class TransformerEncoder : Module
{
    private readonly TransformerEncoderLayer[] _layers;

    /// <summary>Creates the stack.</summary>
    /// <param name="layers">The layers, first applied first (at least one; all with the same batch layout).</param>
    /// <param name="norm">The final normalisation, or null.</param>
    /// <exception cref="ArgumentException">No layer, or layers with different batch layouts.</exception>
    public TransformerEncoder(IEnumerable<TransformerEncoderLayer> layers, LayerNorm? norm = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("TransformerEncoder: needs at least one layer.", nameof(layers));
        }

        if (_layers.Any(l => l is null || l.BatchFirst != _layers[0].BatchFirst))
        {
            throw new ArgumentException("TransformerEncoder: every layer must be non-null and share one batchFirst setting.", nameof(layers));
        }

        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Name = $"layers.{i}";
        }

        Norm = norm;
        if (norm is not null)
        {
            norm.Name = "norm";
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<TransformerEncoderLayer> Layers => _layers;

    /// <summary>The final normalisation, or null.</summary>
    public LayerNorm? Norm { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Forward(x, null, null);

    /// <summary>Encodes <paramref name="src"/> through every layer, then the final norm.</summary>
    /// <param name="src">[B, T, E] when the layers are batch-first, else [T, B, E].</param>
    /// <param name="srcKeyPaddingMask">[B, T], true at padding positions; or null.</param>
    /// <param name="mask">[T, T] attention mask; or null.</param>
    /// <returns>The encoding, shaped as the input.</returns>
    public Tensor Forward(Tensor src, bool[,]? srcKeyPaddingMask, AttentionMask? mask)
    {
        var x = src;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x, srcKeyPaddingMask, mask);
        }

        return Norm is null ? x : Norm.Forward(x);
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            yield return ($"layers.{i}", _layers[i]);
        }

        if (Norm is not null)
        {
            yield return ("norm", Norm);
        }
    }
}
