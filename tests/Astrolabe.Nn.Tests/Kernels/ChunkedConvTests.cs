using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

/// <summary>The batch-chunked im2col convolution against the whole-batch one (checked against PyTorch by the reference files).</summary>
public sealed class ChunkedConvTests
{
    [Theory]
    [InlineData(64, 16, 13, 13, 32, 3, 1, 0, 3)]
    [InlineData(10, 16, 13, 13, 32, 3, 1, 0, 3)]
    [InlineData(7, 8, 14, 14, 10, 3, 1, 1, 2)]
    [InlineData(9, 6, 15, 15, 5, 3, 2, 1, 4)]
    [InlineData(5, 4, 9, 8, 3, 5, 1, 2, 1)]
    [InlineData(17, 3, 12, 12, 6, 2, 2, 0, 16)]
    public void ValuesAndAllGradientsMatchTheWholeBatchPath(int n, int c, int hw, int w, int o, int k, int stride, int padding, int chunk)
    {
        var whole = Run((g, x, wt, b, l) => Functional.Conv2dIm2Col(g, x, wt, b, l), n, c, hw, w, o, k, stride, padding, frozenWeight: false, inputGrad: true);
        var chunked = Run((g, x, wt, b, l) => Functional.Conv2dChunked(g, chunk, x, wt, b, l), n, c, hw, w, o, k, stride, padding, frozenWeight: false, inputGrad: true);
        ConvAssert.AllClose(whole, chunked, 2e-4f);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void AFrozenWeightOrAnInputWithoutGradientsIsSkipped(bool frozenWeight, bool inputGrad)
    {
        var whole = Run((g, x, wt, b, l) => Functional.Conv2dIm2Col(g, x, wt, b, l), 11, 4, 10, 10, 6, 3, 1, 1, frozenWeight, inputGrad);
        var chunked = Run((g, x, wt, b, l) => Functional.Conv2dChunked(g, 3, x, wt, b, l), 11, 4, 10, 10, 6, 3, 1, 1, frozenWeight, inputGrad);
        Assert.Equal(frozenWeight, chunked[2] is null);
        Assert.Equal(!inputGrad, chunked[1] is null);
        ConvAssert.AllClose(whole, chunked, 2e-4f);
    }

    [Fact]
    public void ResultsAreTheSameOnOneThreadAndOnTwo()
    {
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = 1;
            var one = Run((g, x, wt, b, l) => Functional.Conv2dChunked(g, 3, x, wt, b, l), 64, 16, 13, 13, 32, 3, 1, 0, false, true);
            KernelThreads.Max = 2;
            var two = Run((g, x, wt, b, l) => Functional.Conv2dChunked(g, 3, x, wt, b, l), 64, 16, 13, 13, 32, 3, 1, 0, false, true);
            Assert.Equal(one, two);
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }

    [Fact]
    public void Conv2dChunksOnlyWhereTheBatchColumnMatrixExceedsTheBudgetAndOneImageFits()
    {
        // 16·9 rows × 11·11 pixels = 17,424 floats per image: three images per 64K-float chunk.
        Assert.Equal(3, Functional.ChunkImages(new ConvGeometry(64, 16, 13, 13, 3, 3, 1, 0), 32));
        Assert.Null(Functional.ChunkImages(new ConvGeometry(3, 16, 13, 13, 3, 3, 1, 0), 32));
        Assert.Null(Functional.ChunkImages(new ConvGeometry(64, 64, 32, 32, 3, 3, 1, 1), 64));
        Assert.Null(Functional.ChunkImages(new ConvGeometry(64, 256, 4, 4, 3, 3, 1, 1), 512));
    }

    [Fact]
    public void ASecondBackwardThroughTheSameGraphIsAnErrorNamingTheLayer()
    {
        var rng = new Rng(3);
        var x = Tensor.Randn(rng, 64, 16, 13, 13).RequireGrad();
        var loss = Functional.Conv2d(x, Tensor.Randn(rng, 32, 16, 3, 3).RequireGrad(), null, 1, 0, "conv9").Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("conv9", e.Message, StringComparison.Ordinal);
    }

    private delegate Tensor Conv(ConvGeometry g, Tensor x, Tensor weight, Tensor? bias, string layer);

    /// <summary>Output, then the gradients of x, weight and bias for a random weighting of the output.</summary>
    private static float[]?[] Run(Conv conv, int n, int c, int h, int w, int o, int k, int stride, int padding, bool frozenWeight, bool inputGrad)
    {
        var rng = new Rng(n + (10 * c) + (100 * h) + (1000 * k));
        var x = Tensor.Randn(rng, n, c, h, w);
        if (inputGrad)
        {
            x.RequireGrad();
        }

        var weight = Tensor.Randn(rng, o, c, k, k);
        if (!frozenWeight)
        {
            weight.RequireGrad();
        }

        var bias = Tensor.Randn(rng, o).RequireGrad();
        var g = new ConvGeometry(n, c, h, w, k, k, stride, padding);
        var y = conv(g, x, weight, bias, "conv");
        (y * Tensor.Randn(rng, y.Shape.ToArray())).Sum().Backward();
        return [y.Data.ToArray(), x.Grad?.ToArray(), weight.Grad?.ToArray(), bias.Grad!.ToArray()];
    }
}
