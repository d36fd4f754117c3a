namespace Astrolabe.Nn;

/// <summary>
/// How <see cref="QuantizedNetwork.Quantize"/> quantises a network: the calibration method and the bit widths. Weights
/// are symmetric per output channel, activations affine per tensor; both run on the int8 kernels, so widths below 8
/// only narrow the range (a smaller model is not made by them, a coarser one is).
/// </summary>
public sealed class QuantizationOptions
{
    /// <summary>How calibration picks activation ranges (default <see cref="CalibrationMethod.MinMax"/>).</summary>
    public CalibrationMethod Method { get; init; } = CalibrationMethod.MinMax;

    /// <summary>For <see cref="CalibrationMethod.Histogram"/>: the share of values kept inside the range at each end, in percent (default 99.99; in (50, 100]).</summary>
    public double Percentile { get; init; } = 99.99;

    /// <summary>Bits per weight, 2–8 (default 8).</summary>
    public int WeightBits { get; init; } = 8;

    /// <summary>Bits per activation, 2–8 (default 8).</summary>
    public int ActivationBits { get; init; } = 8;

    /// <summary>
    /// Whether every layer must run on an int8 kernel: when true, a layer that has none (GELU, LayerNorm, Tanh …) is an
    /// error naming it; when false (the default) such a layer runs in fp32 between explicit dequantise and quantise steps.
    /// </summary>
    public bool RequireFullInt8 { get; init; }

    /// <summary>
    /// Indices (in the <see cref="Sequential"/>) of Linear or Conv2d layers to keep in fp32 (a per-layer precision
    /// choice, e.g. the first and last layers, which are often the most sensitive); they run between dequantise and
    /// quantise steps like layers without an int8 kernel, and <see cref="RequireFullInt8"/> does not apply to them.
    /// Empty by default.
    /// </summary>
    public IReadOnlyCollection<int> FloatLayers { get; init; } = [];

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A width outside 2–8 or a percentile outside (50, 100].</exception>
    public void Validate()
    {
        if (WeightBits is < 2 or > 8)
        {
            throw new ArgumentException($"Weight bits must be 2–8 (the int8 kernel holds at most 8); got {WeightBits}.");
        }

        if (ActivationBits is < 2 or > 8)
        {
            throw new ArgumentException($"Activation bits must be 2–8 (the int8 kernel holds at most 8); got {ActivationBits}.");
        }

        if (!(Percentile > 50 && Percentile <= 100))
        {
            throw new ArgumentException($"The histogram percentile must be in (50, 100]; got {Percentile}.");
        }
    }
}
