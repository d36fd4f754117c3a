namespace Astrolabe.Nn;

/// <summary>
/// 2-D convolution over NCHW inputs (square kernel, stride, zero padding). Weight [out, in, k, k]; initialised as
/// PyTorch (U(±1/√fan_in) for weight and bias).
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel height and width.</param>
    /// <param name="stride">The stride.</param>
    /// <param name="padding">Zero padding on each side.</param>
    /// <param name="bias">Whether to add a bias.</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        rng ??= Seed.Next();
        Stride = stride;
        Padding = padding;
        Weight = NewParameter("weight", outChannels, inChannels, kernelSize, kernelSize);
        Init.KaimingUniform(Weight, rng, Math.Sqrt(5));
        if (bias)
        {
            Bias = NewParameter("bias", outChannels);
            Init.Uniform(Bias, rng, 1 / Math.Sqrt(inChannels * kernelSize * kernelSize));
        }
    }

    /// <summary>The filters [out, in, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>The stride.</summary>
    public int Stride { get; }

    /// <summary>The zero padding on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Conv2d(x, Weight, Bias, Stride, Padding, Name);

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() =>
        Bias is null ? [("weight", Weight)] : [("weight", Weight), ("bias", Bias)];
}
