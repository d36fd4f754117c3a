using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

/// <summary>Every int8 path this CPU supports against a naive triple loop, exactly.</summary>
public sealed class Int8GemmTests
{
    /// <summary>The paths to check: the ones this CPU runs (Scalar always), so none passes by being skipped.</summary>
    private static Int8Path[] Paths => [.. Enum.GetValues<Int8Path>().Where(Int8Gemm.IsSupported)];

    private static int[] Naive(byte[] a, int m, int lda, sbyte[] b, int n, int k)
    {
        var c = new int[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                long s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += a[(i * lda) + p] * b[(j * k) + p];
                }

                c[(i * n) + j] = checked((int)s);
            }
        }

        return c;
    }

    /// <summary>Multiplies into a C with stride ldc pre-filled with a sentinel; checks the product and that the padding kept it.</summary>
    private static void Check(Int8Path path, byte[] a, int m, int lda, sbyte[] b, int n, int k, int ldc)
    {
        var packed = PackedInt8Weights.Pack(b, n, k, path);
        Assert.Equal(path, packed.Path);
        const int Sentinel = unchecked((int)0xDEADBEEF);
        var c = Enumerable.Repeat(Sentinel, m * ldc).ToArray();
        Int8Gemm.Multiply(a, m, lda, packed, c, ldc);
        var expected = Naive(a, m, lda, b, n, k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int want = j < n ? expected[(i * n) + j] : Sentinel;
                if (c[(i * ldc) + j] != want)
                {
                    Assert.Fail($"{path} m={m} n={n} k={k} lda={lda} ldc={ldc}: C[{i}, {j}] = {c[(i * ldc) + j]}, expected {want}");
                }
            }
        }
    }

    [Fact]
    public void Scalar_is_always_supported_and_best_path_is_supported()
    {
        Assert.True(Int8Gemm.IsSupported(Int8Path.Scalar));
        Assert.True(Int8Gemm.IsSupported(Int8Gemm.BestPath));
        Assert.Equal(Int8Gemm.BestPath, PackedInt8Weights.Pack(new sbyte[6], 2, 3).Path);
    }

    [Theory]
    [InlineData(1, 1, 1, 0, 0)]
    [InlineData(1, 1, 4, 0, 0)]
    [InlineData(2, 3, 2, 0, 0)]
    [InlineData(6, 16, 8, 0, 0)]
    [InlineData(7, 17, 9, 0, 0)]
    [InlineData(5, 10, 3, 2, 1)]
    [InlineData(13, 33, 13, 5, 7)]
    [InlineData(12, 32, 16, 0, 0)]
    [InlineData(37, 10, 512, 0, 3)]
    [InlineData(100, 16, 9, 0, 0)]
    [InlineData(250, 21, 11, 1, 0)]
    [InlineData(61, 40, 145, 3, 2)]
    [InlineData(19, 5, 1, 0, 5)]
    public void Matches_the_naive_product_on_random_values(int m, int n, int k, int ldaPad, int ldcPad)
    {
        var rng = new Random((m * 7919) + (n * 104729) + k);
        var a = new byte[m * (k + ldaPad)];
        var b = new sbyte[n * k];
        rng.NextBytes(a);
        rng.NextBytes((byte[])(Array)b);
        foreach (var path in Paths)
        {
            Check(path, a, m, k + ldaPad, b, n, k, n + ldcPad);
        }
    }

    /// <summary>
    /// Extreme values, where a kernel built on <c>vpmaddubsw</c> (u8·s8 pairs summed into a saturating int16) fails:
    /// 255·127 + 255·127 = 64770 and 255·(−128)·2 = −65280 do not fit an int16, and any k ≥ 2 forms such a pair.
    /// </summary>
    [Theory]
    [InlineData(255, -128)]
    [InlineData(255, 127)]
    [InlineData(-1, 0)] // alternating 255/0 against 127/−128
    public void Is_exact_at_the_extremes(int aValue, int bValue)
    {
        foreach ((int m, int n, int k) in new[] { (7, 19, 4099), (1, 3, 65536) })
        {
            var a = new byte[m * k];
            var b = new sbyte[n * k];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = aValue >= 0 ? (byte)aValue : (byte)(i % 2 == 0 ? 255 : 0);
            }

            for (int i = 0; i < b.Length; i++)
            {
                b[i] = aValue >= 0 ? (sbyte)bValue : (sbyte)((i / 3) % 2 == 0 ? 127 : -128);
            }

            foreach (var path in Paths)
            {
                Check(path, a, m, k, b, n, k, n);
            }
        }
    }

    [Fact]
    public void Extreme_sum_at_k_65536_is_the_int32_value()
    {
        const int K = 65536;
        var a = Enumerable.Repeat((byte)255, K).ToArray();
        var b = Enumerable.Repeat((sbyte)-128, K).ToArray();
        foreach (var path in Paths)
        {
            var c = new int[1];
            Int8Gemm.Multiply(a, 1, K, PackedInt8Weights.Pack(b, 1, K, path), c, 1);
            Assert.Equal(-255L * 128 * K, c[0]);
        }
    }

    [Fact]
    public void Threaded_split_gives_the_serial_result()
    {
        const int M = 301, N = 37, K = 530;
        var rng = new Random(5);
        var a = new byte[M * K];
        var b = new sbyte[N * K];
        rng.NextBytes(a);
        rng.NextBytes((byte[])(Array)b);
        int saved = KernelThreads.Max;
        try
        {
            foreach (int threads in new[] { 1, 3 })
            {
                KernelThreads.Max = threads;
                foreach (var path in Paths)
                {
                    Check(path, a, M, K, b, N, K, N);
                }
            }
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }

    [Fact]
    public void Empty_inner_dimension_clears_C()
    {
        foreach (var path in Paths)
        {
            var c = new[] { 1, 2, 3, 4, 5 };
            Int8Gemm.Multiply([], 2, 0, PackedInt8Weights.Pack([], 2, 0, path), c, 3);
            Assert.Equal(new[] { 0, 0, 3, 0, 0 }, c);
        }
    }
}
