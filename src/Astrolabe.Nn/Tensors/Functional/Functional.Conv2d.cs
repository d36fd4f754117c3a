using System.Buffers;
using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as PyTorch) of an NCHW batch. Stride-1 layers with C·KH·KW ≤ 32 (a first
    /// layer on a few channels) are computed directly on padded planes; the others by im2col and the GEMM
    /// <c>W[O, C·KH·KW] · cols[C·KH·KW, N·OH·OW]</c>, whose backward uses the two transposed GEMMs and col2im — a few
    /// images at a time where the batch's column matrix would not fit in L2 but one image's does.
    /// </summary>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="weight">The filters [O, C, KH, KW].</param>
    /// <param name="bias">The bias [O], or null.</param>
    /// <param name="stride">The stride (both directions).</param>
    /// <param name="padding">Zero padding on every side.</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The output [N, O, OH, OW].</returns>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, string layer = "Conv2d")
    {
        Shapes.RequireRank(x, 4, layer, "[N, C, H, W]");
        Shapes.RequireRank(weight, 4, layer, "weight [O, C, KH, KW]");
        int o = weight.Dim(0);
        if (x.Dim(1) != weight.Dim(1))
        {
            throw new ArgumentException($"{layer}: input has {x.Dim(1)} channels, the layer expects {weight.Dim(1)} (input {Shapes.Format(x.ShapeSpan)}).");
        }

        var g = new ConvGeometry(x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3), weight.Dim(2), weight.Dim(3), stride, padding);
        if (stride < 1 || padding < 0 || g.OH <= 0 || g.OW <= 0)
        {
            throw new ArgumentException($"{layer}: a {g.KH}×{g.KW} kernel (stride {stride}, padding {padding}) does not fit input {Shapes.Format(x.ShapeSpan)}.");
        }

        var result = DirectConv.Applies(g) ? Conv2dDirect(g, x, weight, bias, layer)
            : ChunkImages(g, o) is { } chunkImages ? Conv2dChunked(g, chunkImages, x, weight, bias, layer)
            : Conv2dIm2Col(g, x, weight, bias, layer);
        long flops = 2L * g.N * o * g.OH * g.OW * g.C * g.KH * g.KW;
        return result.CountFlops("conv2d", flops, x, weight);
    }

    /// <summary>The convolution as im2col and one GEMM (any stride); the caller has validated the shapes.</summary>
    internal static Tensor Conv2dIm2Col(ConvGeometry g, Tensor x, Tensor weight, Tensor? bias, string layer)
    {
        int o = weight.Dim(0);
        int rows = g.Rows, p = g.Cols, plane = g.OH * g.OW;
        // Scratch matrices come from the shared pool (they are megabytes for image batches; fresh ones would be
        // large-object allocations every step). cols lives until the backward pass, the others only inside a call.
        var cols = ArrayPool<float>.Shared.Rent(rows * p);
        Im2Col.Unfold(g, x.Data, cols);
        var out2 = ArrayPool<float>.Shared.Rent(o * p);
        Gemm.Multiply(false, false, o, p, rows, weight.Data, 0, rows, cols, 0, p, out2, 0, p, accumulate: false);
        var y = TensorMemory.Output(g.N * o * plane);
        var biasData = bias?.Data;
        KernelThreads.ForRanges(g.N * o, plane, (first, count) => PlanesFromColumns(out2, p, 0, o, plane, first, count, biasData, y));

        ArrayPool<float>.Shared.Return(out2);
        return WithPooledScratch(y, [g.N, o, g.OH, g.OW], cols, layer, (kept, gy) =>
        {
            var g2 = ArrayPool<float>.Shared.Rent(o * p);
            KernelThreads.ForRanges(g.N * o, plane, (first, count) => PlanesToColumns(gy, 0, o, plane, first, count, g2, p));

            if (bias is { RequiresGrad: true })
            {
                var gb = bias.GradBuffer();
                for (int oc = 0; oc < o; oc++)
                {
                    gb[oc] += TensorPrimitives.Sum<float>(g2.AsSpan(oc * p, p));
                }
            }

            if (weight.RequiresGrad)
            {
                var partial = ArrayPool<float>.Shared.Rent(rows * o);
                WeightGradientProduct(o, rows, p, kept, g2, partial, 0, accumulate: false, serial: false);
                AddWeightGradient(partial, 1, rows, o, weight.GradBuffer());
                ArrayPool<float>.Shared.Return(partial);
            }

            if (x.RequiresGrad)
            {
                var gcols = ArrayPool<float>.Shared.Rent(rows * p);
                Gemm.Multiply(true, false, rows, p, o, weight.Data, 0, rows, g2, 0, p, gcols, 0, p, accumulate: false);
                Im2Col.Fold(g, gcols, x.GradBuffer());
                ArrayPool<float>.Shared.Return(gcols);
            }

            ArrayPool<float>.Shared.Return(g2);
        }, Operands(x, weight, bias));
    }

    /// <summary>
    /// Writes output planes <paramref name="first"/>.. (<paramref name="count"/> of them; plane k is image k / O, channel
    /// k % O) of <paramref name="y"/> from a [O, p] product over images <paramref name="n0"/>.., where the plane of image
    /// n and channel oc is column block n − n0 of row oc, adding the channel's bias when there is one.
    /// </summary>
    private static void PlanesFromColumns(float[] product, int p, int n0, int o, int plane, int first, int count, float[]? bias, float[] y)
    {
        for (int k = first; k < first + count; k++)
        {
            int n = k / o, oc = k % o;
            var src = product.AsSpan((oc * p) + ((n - n0) * plane), plane);
            var dst = y.AsSpan(k * plane, plane);
            if (bias is null)
            {
                src.CopyTo(dst);
            }
            else
            {
                TensorPrimitives.Add(src, bias[oc], dst);
            }
        }
    }

    /// <summary>The reverse of <see cref="PlanesFromColumns"/> without bias: planes of <paramref name="gy"/> into a [O, p] matrix.</summary>
    private static void PlanesToColumns(float[] gy, int n0, int o, int plane, int first, int count, float[] columns, int p)
    {
        for (int k = first; k < first + count; k++)
        {
            gy.AsSpan(k * plane, plane).CopyTo(columns.AsSpan(((k % o) * p) + (((k / o) - n0) * plane), plane));
        }
    }

    /// <summary>
    /// Filters below which a weight gradient is computed as dW = g2 · colsᵀ, [O, rows], packing the column matrix
    /// transposed, rather than as dWᵀ = cols · g2ᵀ, [rows, O], which reads it in place but whose rows are only O wide:
    /// mostly padding in the micro-kernel's tiles. One image's 189 × 196 columns: 10 filters 9.1 against 12.9 µs,
    /// 20 filters 13.2 against 15.0 µs, 29 filters 15.6 against 14.3 µs.
    /// </summary>
    private const int FewFilters = 24;

    /// <summary>
    /// The weight gradient of one block of <paramref name="p"/> columns, written (or added, with
    /// <paramref name="accumulate"/>) at <paramref name="offset"/> of <paramref name="partial"/> in the layout
    /// <see cref="AddWeightGradient"/> reads: [O, rows] below <see cref="FewFilters"/> filters, else [rows, O].
    /// </summary>
    private static void WeightGradientProduct(int o, int rows, int p, float[] cols, float[] g2, float[] partial, int offset, bool accumulate, bool serial)
    {
        if (o < FewFilters)
        {
            Gemm.Multiply(false, true, o, rows, p, g2, 0, p, cols, 0, p, partial, offset, rows, accumulate, serial);
        }
        else
        {
            Gemm.Multiply(false, true, rows, o, p, cols, 0, p, g2, 0, p, partial, offset, o, accumulate, serial);
        }
    }

    /// <summary>gw[O, rows] += Σ over <paramref name="groups"/> of the partial gradients <see cref="WeightGradientProduct"/> wrote, the groups added in order.</summary>
    private static void AddWeightGradient(float[] partial, int groups, int rows, int o, float[] gw)
    {
        if (o >= FewFilters)
        {
            AddTransposedSum(partial, groups, rows, o, gw);
            return;
        }

        int size = rows * o;
        for (int i = 0; i < size; i++)
        {
            float sum = 0;
            for (int group = 0; group < groups; group++)
            {
                sum += partial[(group * size) + i];
            }

            gw[i] += sum;
        }
    }

    /// <summary>
    /// gw[O, rows] += Σ over <paramref name="groups"/> of the [rows, O] partial weight gradients (dWᵀ) in
    /// <paramref name="partial"/>, the groups added in order.
    /// </summary>
    private static void AddTransposedSum(float[] partial, int groups, int rows, int o, float[] gw)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int oc = 0; oc < o; oc++)
            {
                float sum = 0;
                for (int group = 0; group < groups; group++)
                {
                    sum += partial[(group * rows * o) + (r * o) + oc];
                }

                gw[(oc * rows) + r] += sum;
            }
        }
    }

    /// <summary>
    /// Wraps a convolution's output whose backward pass reads <paramref name="scratch"/>, an array rented from the
    /// shared pool in the forward pass: it goes back to the pool after the one backward pass, or at once when no graph
    /// is recorded. A second backward pass through the same graph is an error naming the layer.
    /// </summary>
    private static Tensor WithPooledScratch(float[] y, int[] shape, float[] scratch, string layer, Action<float[], float[]> backward, Tensor[] parents)
    {
        float[]? kept = scratch;
        var result = Tensor.FromOp(y, shape, t =>
        {
            if (kept is null)
            {
                throw new InvalidOperationException($"{layer}: backward ran twice through the same graph; run the forward pass again.");
            }

            backward(kept, t.Grad!);
            ArrayPool<float>.Shared.Return(kept);
            kept = null;
        }, parents);
        if (!result.RequiresGrad)
        {
            ArrayPool<float>.Shared.Return(scratch);
        }

        return result;
    }
}
