using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Tensors;

public sealed class BatchedMatMulTests
{
    [Theory]
    [InlineData(3, 4, 5, 2, false, false, false)]
    [InlineData(2, 4, 6, 3, false, true, false)]
    [InlineData(2, 5, 4, 3, true, false, false)]
    [InlineData(2, 5, 4, 3, true, true, false)]
    [InlineData(3, 4, 5, 2, false, false, true)]
    [InlineData(3, 4, 5, 2, false, true, true)]
    [InlineData(3, 4, 5, 2, true, false, true)]
    [InlineData(3, 4, 5, 2, true, true, true)]
    [InlineData(64, 9, 17, 23, false, true, false)]
    [InlineData(2, 130, 120, 110, true, false, false)]
    [InlineData(2, 130, 120, 110, false, true, true)]
    public void Products_and_gradients_match_naive_sums(int batch, int m, int k, int n, bool ta, bool tb, bool shared)
    {
        var rng = new Rng(batch + m);
        var a = Tensor.Randn(rng, ta ? [batch, k, m] : [batch, m, k]).RequireGrad();
        int[] bMatrix = tb ? [n, k] : [k, n];
        var b = Tensor.Randn(rng, shared ? bMatrix : [batch, .. bMatrix]).RequireGrad();
        var y = Functional.BatchedMatMul(a, b, ta, tb);
        Assert.Equal([batch, m, n], y.Shape);
        var g = Tensor.Randn(rng, batch, m, n).Data;
        y.Backward(g);

        float A(int i, int r, int c) => a.Data[(i * m * k) + (ta ? (c * m) + r : (r * k) + c)];
        int BIndex(int i, int r, int c) => (shared ? 0 : i * k * n) + (tb ? (c * k) + r : (r * n) + c);
        var ga = new double[a.Length];
        var gb = new double[b.Length];
        for (int i = 0; i < batch; i++)
        {
            for (int r = 0; r < m; r++)
            {
                for (int c = 0; c < n; c++)
                {
                    double sum = 0;
                    float gi = g[(((i * m) + r) * n) + c];
                    for (int p = 0; p < k; p++)
                    {
                        sum += (double)A(i, r, p) * b.Data[BIndex(i, p, c)];
                        ga[(i * m * k) + (ta ? (p * m) + r : (r * k) + p)] += (double)gi * b.Data[BIndex(i, p, c)];
                        gb[BIndex(i, p, c)] += (double)gi * A(i, r, p);
                    }

                    TensorTestUtil.Near((float)sum, y.Data[(((i * m) + r) * n) + c], 1e-4f);
                }
            }
        }

        for (int i = 0; i < ga.Length; i++)
        {
            TensorTestUtil.Near((float)ga[i], a.Grad![i], 1e-4f);
        }

        for (int i = 0; i < gb.Length; i++)
        {
            TensorTestUtil.Near((float)gb[i], b.Grad![i], 1e-4f);
        }
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        Check(t => Functional.BatchedMatMul(t[0], t[1]), [Random(1, 3, 4, 5), Random(2, 3, 5, 2)]);
        Check(t => Functional.BatchedMatMul(t[0], t[1], transposeB: true), [Random(3, 2, 4, 6), Random(4, 2, 3, 6)]);
        Check(t => Functional.BatchedMatMul(t[0], t[1], transposeA: true, transposeB: true), [Random(5, 2, 5, 4), Random(6, 2, 3, 5)]);
        Check(t => Functional.BatchedMatMul(t[0], t[1], transposeA: true), [Random(7, 3, 5, 4), Random(8, 5, 2)]);
    }

    [Fact]
    public void Flops_are_counted_as_bmm()
    {
        var a = Tensor.Randn(new Rng(1), 3, 4, 5).RequireGrad();
        var b = Tensor.Randn(new Rng(2), 3, 5, 2);
        using var counter = FlopCounter.Start();
        Functional.BatchedMatMul(a, b).Sum().Backward();
        Assert.Equal(2L * 3 * 4 * 5 * 2, counter.ByOperation["bmm"]);
        Assert.Equal(2L * 3 * 4 * 5 * 2, counter.ByOperation["bmm.backward"]);
    }

    [Fact]
    public void Mismatched_shapes_are_clear_errors()
    {
        var a = Tensor.Zeros(2, 3, 4);
        Assert.Contains("rank-3", Assert.Throws<ArgumentException>(() => Functional.BatchedMatMul(Tensor.Zeros(3, 4), a)).Message);
        Assert.Contains("rank 2", Assert.Throws<ArgumentException>(() => Functional.BatchedMatMul(a, Tensor.Zeros(4))).Message);
        Assert.Contains("do not match", Assert.Throws<ArgumentException>(() => Functional.BatchedMatMul(a, Tensor.Zeros(3, 4, 5))).Message);
        Assert.Throws<ArgumentException>(() => Functional.BatchedMatMul(a, Tensor.Zeros(2, 5, 4)));
        Assert.Throws<ArgumentException>(() => Functional.BatchedMatMul(a, Tensor.Zeros(2, 4, 5), transposeA: true));
        Assert.Equal([2, 3, 5], Functional.BatchedMatMul(a, Tensor.Zeros(2, 5, 4), transposeB: true).Shape);
    }
}
