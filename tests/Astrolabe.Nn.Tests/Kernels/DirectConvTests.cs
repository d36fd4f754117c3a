using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

/// <summary>The direct stride-1 convolution against the im2col + GEMM one (checked against PyTorch by the reference files).</summary>
public sealed class DirectConvTests
{
    [Theory]
    [InlineData(2, 1, 28, 28, 16, 3, 3, 0)]
    [InlineData(3, 3, 9, 7, 5, 3, 3, 1)]
    [InlineData(2, 2, 5, 4, 3, 5, 5, 2)]
    [InlineData(1, 1, 3, 3, 2, 3, 3, 0)]
    [InlineData(4, 1, 6, 17, 3, 1, 1, 0)]
    [InlineData(2, 3, 8, 8, 4, 2, 3, 1)]
    [InlineData(64, 1, 28, 28, 16, 3, 3, 0)]
    [InlineData(3, 2, 7, 7, 23, 3, 3, 1)] // im2col's weight gradient as dW = g2 · colsᵀ (fewer than 24 filters) ...
    [InlineData(3, 2, 7, 7, 24, 3, 3, 1)] // ... and as dWᵀ = cols · g2ᵀ
    [InlineData(2, 1, 10, 9, 30, 3, 3, 1)]
    public void ValuesAndAllGradientsMatchIm2Col(int n, int c, int h, int w, int o, int kh, int kw, int padding)
    {
        var direct = Run(Functional.Conv2dDirect, n, c, h, w, o, kh, kw, padding, frozenWeight: false);
        var im2col = Run(Functional.Conv2dIm2Col, n, c, h, w, o, kh, kw, padding, frozenWeight: false);
        ConvAssert.AllClose(im2col, direct, 1e-4f);
    }

    [Theory]
    [InlineData(2, 1, 28, 28, 16, 3, 3, 1, false)] // a 30-wide padded plane: flat lengths an odd multiple of 16
    [InlineData(2, 1, 28, 28, 16, 3, 3, 1, true)]
    [InlineData(3, 3, 9, 7, 5, 3, 3, 1, false)]
    [InlineData(3, 3, 9, 7, 5, 3, 3, 1, true)]
    [InlineData(2, 2, 12, 13, 6, 5, 5, 2, false)]
    [InlineData(2, 2, 12, 13, 6, 5, 5, 2, true)]
    public void BothVectorWidthsMatchIm2Col(int n, int c, int h, int w, int o, int kh, int kw, int padding, bool wide)
    {
        // The 512-bit loops run in software where the CPU lacks AVX-512: this checks them on any machine.
        var direct = Run((g, x, wt, b, l) => Functional.Conv2dDirect(g, x, wt, b, l, wide), n, c, h, w, o, kh, kw, padding, frozenWeight: false);
        var im2col = Run(Functional.Conv2dIm2Col, n, c, h, w, o, kh, kw, padding, frozenWeight: false);
        ConvAssert.AllClose(im2col, direct, 1e-4f);
    }

    [Fact]
    public void AFrozenWeightStillGivesTheBiasAndInputGradients()
    {
        var direct = Run(Functional.Conv2dDirect, 3, 2, 7, 6, 4, 3, 3, 1, frozenWeight: true);
        var im2col = Run(Functional.Conv2dIm2Col, 3, 2, 7, 6, 4, 3, 3, 1, frozenWeight: true);
        Assert.Null(direct[2]);
        ConvAssert.AllClose(im2col, direct, 1e-4f);
    }

    [Fact]
    public void ResultsAreTheSameOnOneThreadAndOnTwo()
    {
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = 1;
            var one = Run(Functional.Conv2dDirect, 64, 2, 28, 28, 16, 3, 3, 1, frozenWeight: false);
            KernelThreads.Max = 2;
            var two = Run(Functional.Conv2dDirect, 64, 2, 28, 28, 16, 3, 3, 1, frozenWeight: false);
            Assert.Equal(one, two);
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(1, 2)]
    public void ASecondBackwardThroughTheSameGraphIsAnErrorNamingTheLayer(int channels, int stride)
    {
        // Both paths keep a pooled scratch array for the one backward pass (direct: 1 channel, stride 1; im2col: the others).
        var rng = new Rng(3);
        var x = Tensor.Randn(rng, 2, channels, 6, 6).RequireGrad();
        var loss = Functional.Conv2d(x, Tensor.Randn(rng, 3, channels, 3, 3).RequireGrad(), null, stride, 1, "conv7").Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("conv7", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 3, 3, 1, true)]
    [InlineData(3, 3, 3, 1, true)]
    [InlineData(4, 3, 3, 1, false)]
    [InlineData(1, 5, 5, 1, true)]
    [InlineData(1, 3, 3, 2, false)]
    public void AppliesToStrideOneLayersWithFewColumnRows(int c, int kh, int kw, int stride, bool expected) =>
        Assert.Equal(expected && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, DirectConv.Applies(new ConvGeometry(2, c, 10, 10, kh, kw, stride, 0)));

    private delegate Tensor Conv(ConvGeometry g, Tensor x, Tensor weight, Tensor? bias, string layer);

    /// <summary>Output, then the gradients of x, weight and bias for a random weighting of the output.</summary>
    private static float[]?[] Run(Conv conv, int n, int c, int h, int w, int o, int kh, int kw, int padding, bool frozenWeight)
    {
        var rng = new Rng(n + (10 * c) + (100 * h) + (1000 * kw));
        var x = Tensor.Randn(rng, n, c, h, w).RequireGrad();
        var weight = Tensor.Randn(rng, o, c, kh, kw);
        if (!frozenWeight)
        {
            weight.RequireGrad();
        }

        var bias = Tensor.Randn(rng, o).RequireGrad();
        var g = new ConvGeometry(n, c, h, w, kh, kw, 1, padding);
        var y = conv(g, x, weight, bias, "conv");
        (y * Tensor.Randn(rng, y.Shape.ToArray())).Sum().Backward();
        return [y.Data.ToArray(), x.Grad!.ToArray(), weight.Grad?.ToArray(), bias.Grad!.ToArray()];
    }
}
