namespace Astrolabe.Nn;

/// <summary>
/// The basic residual block of ResNet-18/34 (torchvision's <c>BasicBlock</c>) over [N, C, H, W]:
/// <c>relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))</c> with 3×3 convolutions without bias (the first one
/// strided), and as shortcut the identity, or a strided 1×1 convolution and batch norm (<c>downsample</c>) when the
/// stride or the channel count changes.
/// </summary>
/// <remarks>
/// Parameters carry torchvision's names: <c>conv1.weight</c>, <c>bn1.*</c>, <c>conv2.weight</c>, <c>bn2.*</c> and,
/// with a projection, <c>downsample.0.weight</c> and <c>downsample.1.*</c>.
/// </remarks>
public sealed class ResidualBlock : Module
{
    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels (positive).</param>
    /// <param name="outChannels">Output channels (positive).</param>
    /// <param name="stride">The stride of the first convolution and of the projection (positive).</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public ResidualBlock(int inChannels, int outChannels, int stride = 1, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        rng ??= Seed.Next();
        Conv1 = new Conv2d(inChannels, outChannels, 3, stride, 1, bias: false, rng) { Name = "conv1" };
        Bn1 = new BatchNorm(outChannels) { Name = "bn1" };
        Conv2 = new Conv2d(outChannels, outChannels, 3, 1, 1, bias: false, rng) { Name = "conv2" };
        Bn2 = new BatchNorm(outChannels) { Name = "bn2" };
        if (stride != 1 || inChannels != outChannels)
        {
            Downsample = new Sequential(new Conv2d(inChannels, outChannels, 1, stride, 0, bias: false, rng), new BatchNorm(outChannels));
        }
    }

    /// <summary>The first 3×3 convolution (strided).</summary>
    public Conv2d Conv1 { get; }

    /// <summary>The first batch norm.</summary>
    public BatchNorm Bn1 { get; }

    /// <summary>The second 3×3 convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>The second batch norm.</summary>
    public BatchNorm Bn2 { get; }

    /// <summary>The projection shortcut (1×1 convolution, batch norm), or null for the identity.</summary>
    public Sequential? Downsample { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 4, Name, "[N, C, H, W]");
        var shortcut = Downsample is null ? x : Downsample.Forward(x);
        var y = Functional.Relu(Bn1.Forward(Conv1.Forward(x)));
        y = Bn2.Forward(Conv2.Forward(y));
        return Functional.Relu(Functional.Add(y, shortcut));
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() =>
        Downsample is null
            ? [("conv1", Conv1), ("bn1", Bn1), ("conv2", Conv2), ("bn2", Bn2)]
            : [("conv1", Conv1), ("bn1", Bn1), ("conv2", Conv2), ("bn2", Bn2), ("downsample", Downsample)];
}
