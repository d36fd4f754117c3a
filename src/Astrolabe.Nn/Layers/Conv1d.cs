namespace Astrolabe.Nn;

/// <summary>
/// 1-D convolution over [N, C, L] inputs (PyTorch's <c>nn.Conv1d</c>): kernel, stride, zero padding, dilation.
/// Weight [out, in, k]; initialised as PyTorch (U(±1/√(in·k)) for weight and bias). For a text model whose sequences
/// are [B, T, E], the channels are the embedding: transpose to [B, E, T] first.
/// </summary>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels (positive).</param>
    /// <param name="outChannels">Output channels (positive).</param>
    /// <param name="kernelSize">Kernel length (positive).</param>
    /// <param name="stride">The stride (positive).</param>
    /// <param name="padding">Zeros added at each end (non-negative).</param>
    /// <param name="dilation">The spacing of the kernel taps (positive).</param>
    /// <param name="bias">Whether to add a bias.</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, bool bias = true, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        rng ??= Seed.Next();
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Weight = NewParameter("weight", outChannels, inChannels, kernelSize);
        Init.KaimingUniform(Weight, rng, Math.Sqrt(5));
        if (bias)
        {
            Bias = NewParameter("bias", outChannels);
            Init.Uniform(Bias, rng, 1 / Math.Sqrt(inChannels * kernelSize));
        }
    }

    /// <summary>The filters [out, in, k].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>The stride.</summary>
    public int Stride { get; }

    /// <summary>The zero padding at each end.</summary>
    public int Padding { get; }

    /// <summary>The spacing of the kernel taps.</summary>
    public int Dilation { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Conv1d(x, Weight, Bias, Stride, Padding, Dilation, Name);

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() =>
        Bias is null ? [("weight", Weight)] : [("weight", Weight), ("bias", Bias)];
}
