using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

public class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 33, 5)]
    [InlineData(64, 128, 64)]
    [InlineData(150, 70, 300)]
    [InlineData(13, 2100, 9)]
    [InlineData(301, 257, 129)]
    [InlineData(20, 40, 600)]
    [InlineData(12, 32, 8)]
    [InlineData(64, 10, 128)]
    [InlineData(200, 120, 520)]
    [InlineData(60, 300, 200)]
    public void Matches_the_naive_product_for_every_transpose(int m, int n, int k)
    {
        var rng = new Rng(m * 1000 + n + k);
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                // Both micro-kernels on any CPU: the Vector512 one runs in software where AVX-512 is missing.
                foreach ((int threads, bool wide) in new[] { (1, false), (2, false), (1, true), (2, true) })
                {
                    var a = Fill(rng, m * k);
                    var b = Fill(rng, k * n);
                    var c = Fill(rng, m * n);
                    var expected = (float[])c.Clone();
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            double s = expected[(i * n) + j];
                            for (int p = 0; p < k; p++)
                            {
                                s += (double)(ta ? a[(p * m) + i] : a[(i * k) + p]) * (tb ? b[(j * k) + p] : b[(p * n) + j]);
                            }

                            expected[(i * n) + j] = (float)s;
                        }
                    }

                    int saved = KernelThreads.Max;
                    KernelThreads.Max = threads;
                    try
                    {
                        Multiply(ta, tb, m, n, k, a, b, c, wide);
                    }
                    finally
                    {
                        KernelThreads.Max = saved;
                    }

                    for (int i = 0; i < c.Length; i++)
                    {
                        Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i]) + Math.Sqrt(k)),
                            $"ta={ta} tb={tb} threads={threads} wide={wide} [{i}] {c[i]} vs {expected[i]}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Overwrites_when_not_accumulating_and_handles_k_zero()
    {
        var c = new float[] { 5, 5, 5, 5 };
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, 0, [], 0, 2, c, 0, 2, accumulate: false);
        Assert.All(c, v => Assert.Equal(0f, v));
        Gemm.Multiply(false, false, 2, 2, 1, [1f, 2f], 0, 1, [3f, 4f], 0, 2, c, 0, 2, accumulate: false);
        Assert.Equal([3f, 4f, 6f, 8f], c);
    }

    private static unsafe void Multiply(bool ta, bool tb, int m, int n, int k, float[] a, float[] b, float[] c, bool wide)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Gemm.Multiply(ta, tb, m, n, k, pa, ta ? m : k, pb, tb ? k : n, pc, n, accumulate: true, wide);
        }
    }

    private static float[] Fill(Rng rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((2 * rng.NextDouble()) - 1);
        }

        return x;
    }
}
