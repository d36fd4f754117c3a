namespace Astrolabe.Nn;

/// <summary>Adaptive average pooling of [N, C, H, W] to [N, C, outH, outW] (PyTorch's <c>nn.AdaptiveAvgPool2d</c>); 1×1 is global average pooling.</summary>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="outH">The output height (positive).</param>
    /// <param name="outW">The output width (positive; default: the height).</param>
    public AdaptiveAvgPool2d(int outH = 1, int? outW = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outH);
        OutH = outH;
        OutW = outW ?? outH;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(OutW, nameof(outW));
    }

    /// <summary>The output height.</summary>
    public int OutH { get; }

    /// <summary>The output width.</summary>
    public int OutW { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.AdaptiveAvgPool2d(x, OutH, OutW, Name);
}

/// <summary>Adaptive average pooling of [N, C, L] to [N, C, outL] (PyTorch's <c>nn.AdaptiveAvgPool1d</c>); 1 is the mean over time.</summary>
public sealed class AdaptiveAvgPool1d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="outL">The output length (positive).</param>
    public AdaptiveAvgPool1d(int outL = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outL);
        OutL = outL;
    }

    /// <summary>The output length.</summary>
    public int OutL { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.AdaptiveAvgPool1d(x, OutL, Name);
}
