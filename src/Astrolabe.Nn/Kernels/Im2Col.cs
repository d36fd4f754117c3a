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
        int oh = g.OH, ow = g.OW, plane = oh * ow, p = g.Cols;
        KernelThreads.For(Math.Min(KernelThreads.Max, g.Rows >= 8 && p >= 4096 ? 2 : 1), t =>
        {
            int threads = Math.Min(KernelThreads.Max, g.Rows >= 8 && p >= 4096 ? 2 : 1);
            for (int r = t; r < g.Rows; r += threads)
            {
                int c = r / (g.KH * g.KW), kh = r / g.KW % g.KH, kw = r % g.KW;
                var dst = cols.AsSpan(r * p, p);
                for (int n = 0; n < g.N; n++)
                {
                    int src = ((n * g.C) + c) * g.H * g.W;
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
                            row[..Math.Min(lo, ow)].Clear();
                            if (hi > lo)
                            {
                                x.AsSpan(rowStart + iw0 + lo, hi - lo).CopyTo(row[lo..]);
                            }

                            if (hi < ow)
                            {
                                row[Math.Max(hi, 0)..].Clear();
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
        });
    }

    /// <summary>Adds the column-matrix gradient back into the input gradient (the adjoint of <see cref="Unfold"/>).</summary>
    public static void Fold(ConvGeometry g, float[] cols, float[] gx)
    {
        int oh = g.OH, ow = g.OW, plane = oh * ow, p = g.Cols;
        int kk = g.KH * g.KW;
        KernelThreads.For(Math.Min(KernelThreads.Max, g.C >= 2 && p >= 4096 ? 2 : 1), t =>
        {
            int threads = Math.Min(KernelThreads.Max, g.C >= 2 && p >= 4096 ? 2 : 1);
            for (int c = t; c < g.C; c += threads)
            {
                for (int k = 0; k < kk; k++)
                {
                    int r = (c * kk) + k, kh = k / g.KW, kw = k % g.KW;
                    var src = cols.AsSpan(r * p, p);
                    for (int n = 0; n < g.N; n++)
                    {
                        int dst = ((n * g.C) + c) * g.H * g.W;
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
                                    var target = gx.AsSpan(rowStart + iw0 + lo, hi - lo);
                                    System.Numerics.Tensors.TensorPrimitives.Add(target, row[lo..hi], target);
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
        });
    }
}
