using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>The geometry of one 2-D convolution or pooling window sweep over an NCHW batch.</summary>
internal readonly record struct ConvGeometry(
    int N, int C, int H, int W, int KH, int KW, int Stride, int Padding)
{
    public int OH => ((H + (2 * Padding) - KH) / Stride) + 1;

    public int OW => ((W + (2 * Padding) - KW) / Stride) + 1;

    /// <summary>Rows of the column matrix: C·KH·KW.</summary>
    public int Rows => C * KH * KW;

    /// <summary>Columns of the column matrix: N·OH·OW (one per output pixel of the batch).</summary>
    public int Cols => N * OH * OW;
}

/// <summary>
/// Unfolds input patches into a [C·KH·KW, N·OH·OW] matrix so a convolution becomes one GEMM, and folds gradients back.
/// </summary>
internal static class Im2Col
{
    public static void Unfold(ConvGeometry g, float[] x, float[] cols)
    {
        int threads = Math.Min(KernelThreads.Max, g.Rows >= 8 && g.Cols >= 4096 ? 2 : 1);
        KernelThreads.For(threads, t =>
        {
            for (int r = t; r < g.Rows; r += threads)
            {
                UnfoldRow(g, x, cols, r, 0, g.N);
            }
        });
    }

    /// <summary>
    /// Unfolds images <paramref name="n0"/>..<paramref name="n0"/>+<paramref name="count"/>-1 only, into a
    /// [C·KH·KW, count·OH·OW] matrix, on the calling thread.
    /// </summary>
    public static void UnfoldImages(ConvGeometry g, float[] x, float[] cols, int n0, int count)
    {
        for (int r = 0; r < g.Rows; r++)
        {
            UnfoldRow(g, x, cols, r, n0, count);
        }
    }

    /// <summary>Adds the column-matrix gradient back into the input gradient (the adjoint of <see cref="Unfold"/>).</summary>
    public static void Fold(ConvGeometry g, float[] cols, float[] gx)
    {
        int threads = Math.Min(KernelThreads.Max, g.C >= 2 && g.Cols >= 4096 ? 2 : 1);
        KernelThreads.For(threads, t =>
        {
            for (int c = t; c < g.C; c += threads)
            {
                FoldChannel(g, cols, gx, c, 0, g.N);
            }
        });
    }

    /// <summary>The adjoint of <see cref="UnfoldImages"/>: folds a [C·KH·KW, count·OH·OW] gradient into those images.</summary>
    public static void FoldImages(ConvGeometry g, float[] cols, float[] gx, int n0, int count)
    {
        for (int c = 0; c < g.C; c++)
        {
            FoldChannel(g, cols, gx, c, n0, count);
        }
    }

    /// <summary>Row r = (c, kh, kw) of the column matrix of <paramref name="count"/> images from <paramref name="n0"/>.</summary>
    private static void UnfoldRow(ConvGeometry g, float[] x, float[] cols, int r, int n0, int count)
    {
        int oh = g.OH, ow = g.OW, plane = oh * ow, p = count * plane;
        int c = r / (g.KH * g.KW), kh = r / g.KW % g.KH, kw = r % g.KW;
        var dst = cols.AsSpan(r * p, p);
        for (int n = 0; n < count; n++)
        {
            int src = (((n0 + n) * g.C) + c) * g.H * g.W;
            for (int y = 0; y < oh; y++)
            {
                int ih = (y * g.Stride) - g.Padding + kh;
                var row = dst.Slice((n * plane) + (y * ow), ow);
                if ((uint)ih >= (uint)g.H)
                {
                    row.Clear();
                    continue;
                }

                int rowStart = src + (ih * g.W);
                if (g.Stride == 1)
                {
                    int iw0 = kw - g.Padding;
                    int lo = Math.Max(0, -iw0), hi = Math.Min(ow, g.W - iw0);
                    ZeroOutside(row, lo, hi);
                    if (hi > lo)
                    {
                        CopyRun(x.AsSpan(rowStart + iw0 + lo, hi - lo), row[lo..]);
                    }

                    continue;
                }

                for (int xo = 0; xo < ow; xo++)
                {
                    int iw = (xo * g.Stride) - g.Padding + kw;
                    row[xo] = (uint)iw < (uint)g.W ? x[rowStart + iw] : 0f;
                }
            }
        }
    }

    /// <summary>Folds the rows of channel <paramref name="c"/> for <paramref name="count"/> images from <paramref name="n0"/>.</summary>
    private static void FoldChannel(ConvGeometry g, float[] cols, float[] gx, int c, int n0, int count)
    {
        int oh = g.OH, ow = g.OW, plane = oh * ow, p = count * plane;
        int kk = g.KH * g.KW;
        for (int k = 0; k < kk; k++)
        {
            int r = (c * kk) + k, kh = k / g.KW, kw = k % g.KW;
            var src = cols.AsSpan(r * p, p);
            for (int n = 0; n < count; n++)
            {
                int dst = (((n0 + n) * g.C) + c) * g.H * g.W;
                for (int y = 0; y < oh; y++)
                {
                    int ih = (y * g.Stride) - g.Padding + kh;
                    if ((uint)ih >= (uint)g.H)
                    {
                        continue;
                    }

                    var row = src.Slice((n * plane) + (y * ow), ow);
                    int rowStart = dst + (ih * g.W);
                    if (g.Stride == 1)
                    {
                        // The output pixels that read this row form one contiguous run of it.
                        int iw0 = kw - g.Padding;
                        int lo = Math.Max(0, -iw0), hi = Math.Min(ow, g.W - iw0);
                        if (hi > lo)
                        {
                            AddRun(row[lo..hi], gx.AsSpan(rowStart + iw0 + lo, hi - lo));
                        }

                        continue;
                    }

                    for (int xo = 0; xo < ow; xo++)
                    {
                        int iw = (xo * g.Stride) - g.Padding + kw;
                        if ((uint)iw < (uint)g.W)
                        {
                            gx[rowStart + iw] += row[xo];
                        }
                    }
                }
            }
        }
    }

    // An output row is a few to a few dozen floats (11 for a 3×3 layer on 13×13 planes): called per row, Memmove,
    // Clear and TensorPrimitives spent more time in their call and dispatch than in the copy itself (a fifth of such a
    // layer's forward pass). These inline loops use 256-bit vectors where they are hardware-accelerated.

    /// <summary>Zeroes <paramref name="row"/> outside [<paramref name="lo"/>, <paramref name="hi"/>) (padding columns).</summary>
    private static void ZeroOutside(Span<float> row, int lo, int hi)
    {
        for (int i = 0; i < Math.Min(lo, row.Length); i++)
        {
            row[i] = 0f;
        }

        for (int i = Math.Max(hi, 0); i < row.Length; i++)
        {
            row[i] = 0f;
        }
    }

    /// <summary>Copies <paramref name="src"/> to the start of <paramref name="dst"/>.</summary>
    private static void CopyRun(ReadOnlySpan<float> src, Span<float> dst)
    {
        int n = src.Length;
        if (!Vector256.IsHardwareAccelerated || n < Vector256<float>.Count || n > 64)
        {
            src.CopyTo(dst);
            return;
        }

        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int last = n - Vector256<float>.Count;
        for (int i = 0; i < last; i += Vector256<float>.Count)
        {
            Vector256.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
        }

        // The last (possibly overlapping) vector: copying an element twice writes the same value.
        Vector256.LoadUnsafe(ref s, (nuint)last).StoreUnsafe(ref d, (nuint)last);
    }

    /// <summary>dst[i] += src[i] over <paramref name="src"/>'s length.</summary>
    private static void AddRun(ReadOnlySpan<float> src, Span<float> dst)
    {
        int n = src.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float s = ref MemoryMarshal.GetReference(src);
            ref float d = ref MemoryMarshal.GetReference(dst);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref d, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] += src[i];
        }
    }
}
