using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrolabe.Nn.Kernels;

/// <summary>Copies blocks of op(A) and op(B) into the strip layouts the micro-kernel streams through.</summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs the kc×nc block of op(B) starting at (pc, jc) into ⌈nc/nr⌉ strips, each kc rows of nr floats
    /// (columns past nc are zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, int ldb, int pc, int jc, int kc, int nc, int nr, float* dst)
    {
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int w = Math.Min(nr, nc - j0);
            float* strip = dst + ((long)(j0 / nr) * kc * nr);
            if (!transB)
            {
                float* src = b + ((long)pc * ldb) + jc + j0;
                if (w == nr)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* s = src + ((long)p * ldb);
                        float* d = strip + (p * nr);
                        for (int q = 0; q < nr; q += 8)
                        {
                            Vector256.Store(Vector256.Load(s + q), d + q);
                        }
                    }

                    continue;
                }

                for (int p = 0; p < kc; p++)
                {
                    var row = new Span<float>(strip + (p * nr), nr);
                    new ReadOnlySpan<float>(src + ((long)p * ldb), w).CopyTo(row);
                    if (w < nr)
                    {
                        row[w..].Clear();
                    }
                }
            }
            else if (Avx.IsSupported)
            {
                PackTransposedStrip(b + ((long)(jc + j0) * ldb) + pc, ldb, kc, w, nr, strip);
            }
            else
            {
                for (int jj = 0; jj < w; jj++)
                {
                    float* src = b + ((long)(jc + j0 + jj) * ldb) + pc;
                    float* d = strip + jj;
                    for (int p = 0; p < kc; p++)
                    {
                        d[p * nr] = src[p];
                    }
                }

                for (int jj = w; jj < nr; jj++)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        strip[(p * nr) + jj] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One strip of transposed B: <c>dst[p·nr + j] = src[j·ldb + p]</c> for j &lt; w, p &lt; kc, and zero for
    /// w ≤ j &lt; nr; whole groups of 8 columns go through 8×8 register transposes (the scalar gather they replace
    /// cost as much as a small product's multiply).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedStrip(float* src, int ldb, int kc, int w, int nr, float* dst)
    {
        int full = w / 8 * 8;
        for (int j = full; j < nr; j++)
        {
            float* s = src + ((long)j * ldb);
            for (int p = 0; p < kc; p++)
            {
                dst[(p * nr) + j] = j < w ? s[p] : 0f;
            }
        }

        for (int j0 = 0; j0 < full; j0 += 8)
        {
            float* s = src + ((long)j0 * ldb);
            int p = 0;
            for (; p + 8 <= kc; p += 8)
            {
                Transpose8x8(
                    Avx.LoadVector256(s + p), Avx.LoadVector256(s + ldb + p), Avx.LoadVector256(s + (2L * ldb) + p), Avx.LoadVector256(s + (3L * ldb) + p),
                    Avx.LoadVector256(s + (4L * ldb) + p), Avx.LoadVector256(s + (5L * ldb) + p), Avx.LoadVector256(s + (6L * ldb) + p), Avx.LoadVector256(s + (7L * ldb) + p),
                    out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
                float* d = dst + ((long)p * nr) + j0;
                Avx.Store(d, c0);
                Avx.Store(d + nr, c1);
                Avx.Store(d + (2 * nr), c2);
                Avx.Store(d + (3 * nr), c3);
                Avx.Store(d + (4 * nr), c4);
                Avx.Store(d + (5 * nr), c5);
                Avx.Store(d + (6 * nr), c6);
                Avx.Store(d + (7 * nr), c7);
            }

            for (; p < kc; p++)
            {
                for (int jj = 0; jj < 8; jj++)
                {
                    dst[(p * nr) + j0 + jj] = s[((long)jj * ldb) + p];
                }
            }
        }
    }

    /// <summary>
    /// Packs the mc×kc block of op(A) starting at (ic, pc) into ⌈mc/mr⌉ strips, each kc columns of mr floats
    /// (rows past mc are zero). Strips are written in order, and a strip of whole rows may write up to two floats
    /// past its end (overwritten by the next strip): <paramref name="dst"/> needs that much room after the last one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, int lda, int ic, int pc, int mc, int kc, int mr, float* dst)
    {
        for (int i0 = 0; i0 < mc; i0 += mr)
        {
            int h = Math.Min(mr, mc - i0);
            float* strip = dst + ((long)(i0 / mr) * kc * mr);
            if (transA)
            {
                float* src = a + ((long)pc * lda) + ic + i0;
                if (h == 6 && mr == 6)
                {
                    // Six contiguous floats per column: one 4-float and one 2-float move.
                    for (int p = 0; p < kc; p++)
                    {
                        float* s = src + ((long)p * lda);
                        float* d = strip + (p * 6);
                        Vector128.Store(Vector128.Load(s), d);
                        *(long*)(d + 4) = *(long*)(s + 4);
                    }

                    continue;
                }

                for (int p = 0; p < kc; p++)
                {
                    float* s = src + ((long)p * lda);
                    float* d = strip + (p * mr);
                    int ii = 0;
                    for (; ii < h; ii++)
                    {
                        d[ii] = s[ii];
                    }

                    for (; ii < mr; ii++)
                    {
                        d[ii] = 0f;
                    }
                }
            }
            else if (h == 6 && mr == 6 && Avx.IsSupported)
            {
                PackSixRows(a + ((long)(ic + i0) * lda) + pc, lda, kc, strip);
            }
            else
            {
                for (int ii = 0; ii < mr; ii++)
                {
                    float* d = strip + ii;
                    if (ii < h)
                    {
                        float* s = a + ((long)(ic + i0 + ii) * lda) + pc;
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * mr] = s[p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * mr] = 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Six rows of untransposed A into one strip, <c>dst[p·6 + i] = src[i·lda + p]</c>: eight columns at a time
    /// through <see cref="Transpose8x8"/> (two zero rows make the six 8×8), each column stored as eight floats whose last
    /// two the next column overwrites (so the last column writes two floats past the strip).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackSixRows(float* src, int lda, int kc, float* dst)
    {
        int p = 0;
        var zero = Vector256<float>.Zero;
        for (; p + 8 <= kc; p += 8)
        {
            Transpose8x8(
                Avx.LoadVector256(src + p), Avx.LoadVector256(src + lda + p), Avx.LoadVector256(src + (2L * lda) + p),
                Avx.LoadVector256(src + (3L * lda) + p), Avx.LoadVector256(src + (4L * lda) + p), Avx.LoadVector256(src + (5L * lda) + p), zero, zero,
                out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
            float* d = dst + (p * 6);
            Avx.Store(d, c0);
            Avx.Store(d + 6, c1);
            Avx.Store(d + 12, c2);
            Avx.Store(d + 18, c3);
            Avx.Store(d + 24, c4);
            Avx.Store(d + 30, c5);
            Avx.Store(d + 36, c6);
            Avx.Store(d + 42, c7);
        }

        for (; p < kc; p++)
        {
            float* d = dst + (p * 6);
            for (int i = 0; i < 6; i++)
            {
                d[i] = src[((long)i * lda) + p];
            }
        }
    }

    /// <summary>Transposes the 8×8 block whose rows are r0…r7: c0…c7 hold its columns (unpack, shuffle, lane swap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7,
        out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
        out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7)
    {
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        c0 = Avx.Permute2x128(u0, u4, 0x20);
        c1 = Avx.Permute2x128(u1, u5, 0x20);
        c2 = Avx.Permute2x128(u2, u6, 0x20);
        c3 = Avx.Permute2x128(u3, u7, 0x20);
        c4 = Avx.Permute2x128(u0, u4, 0x31);
        c5 = Avx.Permute2x128(u1, u5, 0x31);
        c6 = Avx.Permute2x128(u2, u6, 0x31);
        c7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
