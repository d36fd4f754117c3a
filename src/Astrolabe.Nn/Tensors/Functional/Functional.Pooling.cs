namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>2-D max pooling of an NCHW batch (no padding; windows that do not fit are dropped, as PyTorch).</summary>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="kernel">The window size.</param>
    /// <param name="stride">The stride (default: the window size).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The pooled tensor [N, C, OH, OW].</returns>
    public static Tensor MaxPool2d(Tensor x, int kernel, int? stride = null, string layer = "MaxPool2d")
    {
        var (nc, h, w, s, oh, ow) = PoolGeometry(x, kernel, stride, layer);
        var y = TensorMemory.Output(nc * oh * ow);

        // Without a graph (evaluation, frozen inputs) the indices are only scratch: rented, not kept.
        bool graph = GradMode.IsEnabled && x.RequiresGrad;
        var argmax = graph ? TensorMemory.OutputInts(y.Length) : System.Buffers.ArrayPool<int>.Shared.Rent(y.Length);
        if (kernel == 2 && s == 2)
        {
            Kernels.MaxPoolKernel.Pool2x2(x.Data, h, w, nc, oh, ow, y, argmax);
        }
        else
        {
            MaxPoolGeneral(x.Data, kernel, s, h, w, nc, oh, ow, y, argmax);
        }

        var shape = x.Shape;
        shape[2] = oh;
        shape[3] = ow;
        if (!graph)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(argmax);
            return new Tensor(y, shape);
        }

        return Tensor.FromOp(y, shape, o =>
        {
            var g = o.Grad!;
            if (kernel == 2 && s == 2)
            {
                var target = x.GradTarget(out bool fresh);
                if (fresh)
                {
                    Kernels.MaxPoolKernel.BackwardWrite2x2(g, argmax, h, w, nc, oh, ow, target);
                    return;
                }
            }

            var gx = x.GradBuffer();
            for (int k = 0; k < g.Length; k++)
            {
                gx[argmax[k]] += g[k];
            }
        }, x);
    }

    private static void MaxPoolGeneral(float[] xd, int kernel, int s, int h, int w, int nc, int oh, int ow, float[] y, int[] argmax)
    {
        for (int plane = 0; plane < nc; plane++)
        {
            int src = plane * h * w;
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int best = src + (i * s * w) + (j * s);
                    float bv = float.NegativeInfinity;
                    for (int a = 0; a < kernel; a++)
                    {
                        int row = src + (((i * s) + a) * w) + (j * s);
                        for (int b = 0; b < kernel; b++)
                        {
                            float v = xd[row + b];
                            if (v > bv || float.IsNaN(v))
                            {
                                bv = v;
                                best = row + b;
                            }
                        }
                    }

                    int k = (((plane * oh) + i) * ow) + j;
                    y[k] = bv;
                    argmax[k] = best;
                }
            }
        }
    }

    /// <summary>2-D average pooling of an NCHW batch (no padding).</summary>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="kernel">The window size.</param>
    /// <param name="stride">The stride (default: the window size).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The pooled tensor [N, C, OH, OW].</returns>
    public static Tensor AvgPool2d(Tensor x, int kernel, int? stride = null, string layer = "AvgPool2d")
    {
        var (nc, h, w, s, oh, ow) = PoolGeometry(x, kernel, stride, layer);
        float inv = 1f / (kernel * kernel);
        var y = TensorMemory.Output(nc * oh * ow);
        for (int plane = 0; plane < nc; plane++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    float sum = 0;
                    for (int a = 0; a < kernel; a++)
                    {
                        int row = (plane * h * w) + (((i * s) + a) * w) + (j * s);
                        for (int b = 0; b < kernel; b++)
                        {
                            sum += x.Data[row + b];
                        }
                    }

                    y[(((plane * oh) + i) * ow) + j] = sum * inv;
                }
            }
        }

        var shape = x.Shape;
        shape[2] = oh;
        shape[3] = ow;
        return Tensor.FromOp(y, shape, o =>
        {
            var gx = x.GradBuffer();
            var g = o.Grad!;
            for (int plane = 0; plane < nc; plane++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        float gv = g[(((plane * oh) + i) * ow) + j] * inv;
                        for (int a = 0; a < kernel; a++)
                        {
                            int row = (plane * h * w) + (((i * s) + a) * w) + (j * s);
                            for (int b = 0; b < kernel; b++)
                            {
                                gx[row + b] += gv;
                            }
                        }
                    }
                }
            }
        }, x);
    }

    private static (int NC, int H, int W, int S, int OH, int OW) PoolGeometry(Tensor x, int kernel, int? stride, string layer)
    {
        Shapes.RequireRank(x, 4, layer, "[N, C, H, W]");
        int s = stride ?? kernel;
        int h = x.Dim(2), w = x.Dim(3);
        if (kernel < 1 || s < 1 || h < kernel || w < kernel)
        {
            throw new ArgumentException($"{layer}: a {kernel}×{kernel} window (stride {s}) does not fit input {Shapes.Format(x.ShapeSpan)}.");
        }

        return (x.Dim(0) * x.Dim(1), h, w, s, ((h - kernel) / s) + 1, ((w - kernel) / s) + 1);
    }
}
