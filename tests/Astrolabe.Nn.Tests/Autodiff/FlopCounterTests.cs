namespace Astrolabe.Nn.Tests.Autodiff;

public sealed class FlopCounterTests
{
    [Fact]
    public void LinearCountsTwoMultiplyAddsPerWeightAndRowForwardAndForEachNeededGradient()
    {
        var rng = new Rng(1);
        var layer = new Linear(20, 7, rng: rng);
        var x = Tensor.Randn(rng, 5, 20);
        using var counter = FlopCounter.Start();
        var loss = Functional.Sum(layer.Forward(x));
        Assert.Equal(2L * 5 * 20 * 7, counter.Forward);
        loss.Backward();

        // The input needs no gradient: only the weight's product runs backward.
        Assert.Equal(2L * 5 * 20 * 7, counter.Backward);
        Assert.Equal(2L * 5 * 20 * 7, counter.ByOperation["linear.backward"]);

        var x2 = Tensor.Randn(rng, 5, 20).RequireGrad();
        Functional.Sum(layer.Forward(x2)).Backward();
        Assert.Equal(2L * 5 * 20 * 7 * 2, counter.Forward);
        Assert.Equal((2L * 5 * 20 * 7) + (2 * 2L * 5 * 20 * 7), counter.Backward);
    }

    [Theory]
    [InlineData(1, 1)] // the direct convolution
    [InlineData(2, 0)] // im2col and one product
    public void Conv2dCountsEveryOutputTimesItsReceptiveField(int stride, int padding)
    {
        var rng = new Rng(2);
        var conv = new Conv2d(3, 8, 3, stride, padding, rng: rng);
        var x = Tensor.Randn(rng, 4, 3, 12, 12).RequireGrad();
        int oh = ((12 + (2 * padding) - 3) / stride) + 1;
        long expected = 2L * 4 * 8 * oh * oh * 3 * 3 * 3;
        using var counter = FlopCounter.Start();
        Functional.Sum(conv.Forward(x)).Backward();
        Assert.Equal(expected, counter.ByOperation["conv2d"]);
        Assert.Equal(2 * expected, counter.ByOperation["conv2d.backward"]);
        Assert.Equal(3 * expected, counter.Total);
    }

    [Fact]
    public void MatMulAndNestingAndStopping()
    {
        var rng = new Rng(3);
        var a = Tensor.Randn(rng, 6, 4);
        var b = Tensor.Randn(rng, 4, 9);
        using var outer = FlopCounter.Start();
        using (var inner = FlopCounter.Start())
        {
            Functional.MatMul(a, b);
            Assert.Equal(2L * 6 * 4 * 9, inner.Total);
        }

        Functional.MatMul(a, b);
        Assert.Equal(2 * 2L * 6 * 4 * 9, outer.Total);
        outer.Dispose();
        Functional.MatMul(a, b);
        Assert.Equal(2 * 2L * 6 * 4 * 9, outer.Total);
    }

    [Fact]
    public async Task NothingIsCountedWithoutACounterAndOtherFlowsAreNotCounted()
    {
        var rng = new Rng(4);
        var a = Tensor.Randn(rng, 3, 3);
        Functional.MatMul(a, a); // no counter: nothing to count into, nothing breaks
        using var counter = FlopCounter.Start();
        await Task.Run(() =>
        {
            using var other = FlopCounter.Start();
            Functional.MatMul(a, a);
        });

        // The task inherited this flow's counter, so its product counts here as well as in its own counter.
        Assert.Equal(2L * 3 * 3 * 3, counter.Total);
        var separate = new Thread(() => Functional.MatMul(a, a));
        separate.UnsafeStart();
        separate.Join();
        Assert.Equal(2L * 3 * 3 * 3, counter.Total);
    }
}
