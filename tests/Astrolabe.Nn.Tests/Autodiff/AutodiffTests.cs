namespace Astrolabe.Nn.Tests.Autodiff;

public class AutodiffTests
{
    [Fact]
    public void Gradients_accumulate_across_backward_calls_until_zeroed()
    {
        var w = new Tensor([2f], [1]).RequireGrad();
        var x = new Tensor([3f], [1]);
        (w * x).Sum().Backward();
        (w * x).Sum().Backward();
        Assert.Equal(6f, w.Grad![0]);
        w.ZeroGrad();
        Assert.Equal(0f, w.Grad![0]);
    }

    [Fact]
    public void A_tensor_used_twice_receives_both_contributions()
    {
        var a = new Tensor([1.5f, -2f], [2]).RequireGrad();
        (a * a + a).Sum().Backward();
        Assert.Equal([4f, -3f], a.Grad!);
    }

    [Fact]
    public void NoGrad_records_nothing()
    {
        var a = new Tensor([1f], [1]).RequireGrad();
        Tensor y;
        using (GradMode.NoGrad())
        {
            y = Functional.Tanh(a);
        }

        Assert.False(y.RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.True(GradMode.IsEnabled);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public void Max_pooling_without_a_graph_gives_the_same_values(int kernel, int stride)
    {
        var x = Tensor.Randn(new Rng(8), 3, 4, 13, 17).RequireGrad();
        var withGraph = Functional.MaxPool2d(x, kernel, stride);
        for (int round = 0; round < 2; round++)
        {
            Tensor pooled;
            using (GradMode.NoGrad())
            {
                pooled = Functional.MaxPool2d(x, kernel, stride); // its index scratch is rented and returned
            }

            Assert.False(pooled.RequiresGrad);
            Assert.Equal(withGraph.Shape, pooled.Shape);
            Assert.Equal(withGraph.Data, pooled.Data);
        }

        withGraph.Sum().Backward();
        Assert.Equal(withGraph.Length, x.Grad!.Sum(), 3); // each window passes its 1 to its maximum
    }

    [Fact]
    public void Deep_chains_do_not_overflow_the_stack()
    {
        var a = new Tensor([0.5f], [1]).RequireGrad();
        var y = a;
        for (int i = 0; i < 100_000; i++)
        {
            y = y * 1f;
        }

        y.Sum().Backward();
        Assert.Equal(1f, a.Grad![0]);
    }

    [Fact]
    public void Reshape_is_a_view_sharing_data()
    {
        var a = Tensor.Zeros(2, 3);
        var v = a.Reshape(3, -1);
        Assert.Same(a.Data, v.Data);
        Assert.Equal([3, 2], v.Shape);
    }

    [Fact]
    public void Shape_mismatch_names_the_operation()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(3, 2));
        Assert.Contains("Add", e.Message, StringComparison.Ordinal);
    }
}
