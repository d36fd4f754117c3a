using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// Packs the mc×kc block of op(A) starting at (ic, pc) into ⌈mc/mr⌉ strips, each kc columns of mr floats
    /// (rows past mc are zero).
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
}
