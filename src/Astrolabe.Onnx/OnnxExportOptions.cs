namespace Astrolabe.Onnx;

/// <summary>How <see cref="OnnxExport.ExportOnnx"/> writes a model: the ONNX operator set the graph targets.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The oldest operator set the export writes (13: Softmax over one axis, Gemm, Conv, Erf as used here).</summary>
    public const int MinOpset = 13;

    /// <summary>The newest operator set the export writes.</summary>
    public const int MaxOpset = 21;

    /// <summary>The oldest operator set with LayerNormalization, which a layer-normalised model needs.</summary>
    public const int LayerNormalizationOpset = 17;

    /// <summary>
    /// The default ONNX operator set (<c>ai.onnx</c>) version: 17, which every current runtime reads. Between
    /// <see cref="MinOpset"/> and <see cref="MaxOpset"/>; a model with layer normalisation needs
    /// <see cref="LayerNormalizationOpset"/> or later.
    /// </summary>
    public int Opset { get; init; } = 17;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The opset is outside <see cref="MinOpset"/>–<see cref="MaxOpset"/>.</exception>
    public void Validate()
    {
        if (Opset is < MinOpset or > MaxOpset)
        {
            throw new ArgumentException($"ONNX opset {Opset} is not supported; the export writes opsets {MinOpset} to {MaxOpset}.");
        }
    }
}
