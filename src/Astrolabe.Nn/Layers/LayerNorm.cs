namespace Astrolabe.Nn;

/// <summary>Layer normalisation over the trailing dimensions, with learnable scale (1) and shift (0).</summary>
public sealed class LayerNorm : Module
{
    private readonly int _size;

    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dimensions normalised together.</param>
    public LayerNorm(params int[] normalizedShape)
    {
        _size = Shapes.Numel(normalizedShape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_size);
        Weight = NewParameter("weight", normalizedShape);
        Array.Fill(Weight.Data, 1f);
        Bias = NewParameter("bias", normalizedShape);
    }

    /// <summary>The scale.</summary>
    public Tensor Weight { get; }

    /// <summary>The shift.</summary>
    public Tensor Bias { get; }

    /// <summary>Added to the variance (default 1e-5).</summary>
    public float Eps { get; init; } = 1e-5f;

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.LayerNorm(x, _size, Weight, Bias, Eps, Name);

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => [("weight", Weight), ("bias", Bias)];
}
