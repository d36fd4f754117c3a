namespace Astrolabe.Nn;

/// <summary>2-D max pooling over NCHW inputs (square window; stride defaults to the window).</summary>
/// <param name="kernelSize">The window size.</param>
/// <param name="stride">The stride (default: the window size).</param>
public sealed class MaxPool2d(int kernelSize, int? stride = null) : Module
{
    /// <summary>The window size.</summary>
    public int KernelSize => kernelSize;

    /// <summary>The stride (the window size unless given).</summary>
    public int Stride => stride ?? kernelSize;

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.MaxPool2d(x, kernelSize, stride, Name);
}

/// <summary>2-D average pooling over NCHW inputs (square window; stride defaults to the window).</summary>
/// <param name="kernelSize">The window size.</param>
/// <param name="stride">The stride (default: the window size).</param>
public sealed class AvgPool2d(int kernelSize, int? stride = null) : Module
{
    /// <summary>The window's height and width.</summary>
    public int KernelSize => kernelSize;

    /// <summary>The stride (the window size unless given).</summary>
    public int Stride => stride ?? kernelSize;

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.AvgPool2d(x, kernelSize, stride, Name);
}

/// <summary>Flattens every dimension after the first: [N, ...] → [N, ∏...] (a view, no copy).</summary>
public sealed class Flatten : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 1)
        {
            throw new ArgumentException($"{Name}: cannot flatten a scalar.");
        }

        return x.Rank == 2 ? x : x.Reshape(x.Dim(0), x.Dim(0) == 0 ? 0 : x.Length / x.Dim(0));
    }
}
