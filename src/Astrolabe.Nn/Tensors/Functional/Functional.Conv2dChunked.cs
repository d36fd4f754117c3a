using System.Buffers;
using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Floats of column matrix one chunk of images may fill: 256 KB, which stays in a core's L2 cache.</summary>
    private const int ChunkColumnFloats = 64 * 1024;

    /// <summary>
    /// Weight-gradient partial sums are kept per group of chunks, in this many groups at most (the groups are added in
    /// order, so the result does not depend on how many threads ran them).
    /// </summary>
    private const int ChunkGroups = 8;

    /// <summary>
    /// How many images one chunk of <see cref="Conv2dChunked"/> holds for this layer, or null where the whole batch's
    /// column matrix already fits in the L2 budget, where one image's does not, or where the weight is too large for
    /// per-group partial gradients (the whole-batch im2col path is used there).
    /// </summary>
    internal static int? ChunkImages(ConvGeometry g, int outChannels)
    {
        long perImage = (long)g.Rows * g.OH * g.OW;
        if (perImage > ChunkColumnFloats || perImage * g.N <= ChunkColumnFloats || (long)g.Rows * outChannels > 256 * 1024)
        {
            return null;
        }

        return (int)(ChunkColumnFloats / perImage);
    }

    /// <summary>
    /// The im2col convolution a few images at a time: each chunk's column matrix is unfolded into a buffer that stays
    /// in L2 and multiplied at once, and the backward pass unfolds it again rather than keeping it. The whole-batch
    /// path writes a column matrix of megabytes, reads it back for the product and again for the weight gradient,
    /// all from memory. Chunks run in parallel; per-chunk products run on one thread each.
    /// </summary>
    internal static Tensor Conv2dChunked(ConvGeometry g, int chunkImages, Tensor x, Tensor weight, Tensor? bias, string layer)
    {
        int o = weight.Dim(0), rows = g.Rows, plane = g.OH * g.OW, nb = chunkImages;
        int chunks = (g.N + nb - 1) / nb;
        long chunkWork = (long)o * rows * plane * nb;
        float[] xd = x.Data, wd = weight.Data;
        var biasData = bias?.Data;
        var y = TensorMemory.Output(g.N * o * plane);
        KernelThreads.ForParts(chunks, chunkWork, (first, end) =>
        {
            var cols = ArrayPool<float>.Shared.Rent(rows * nb * plane);
            var out2 = ArrayPool<float>.Shared.Rent(o * nb * plane);
            for (int chunk = first; chunk < end; chunk++)
            {
                int n0 = chunk * nb, count = Math.Min(nb, g.N - n0), p = count * plane;
                Im2Col.UnfoldImages(g, xd, cols, n0, count);
                Gemm.Multiply(false, false, o, p, rows, wd, 0, rows, cols, 0, p, out2, 0, p, accumulate: false, serial: true);
                PlanesFromColumns(out2, p, n0, o, plane, n0 * o, count * o, biasData, y);
            }

            ArrayPool<float>.Shared.Return(out2);
            ArrayPool<float>.Shared.Return(cols);
        });

        bool done = false;
        return Tensor.FromOp(y, [g.N, o, g.OH, g.OW], t =>
        {
            if (done)
            {
                throw new InvalidOperationException($"{layer}: backward ran twice through the same graph; run the forward pass again.");
            }

            done = true;
            var gy = t.Grad!;
            if (bias is { RequiresGrad: true })
            {
                var gb = bias.GradBuffer();
                for (int oc = 0; oc < o; oc++)
                {
                    float sum = 0;
                    for (int n = 0; n < g.N; n++)
                    {
                        sum += TensorPrimitives.Sum<float>(gy.AsSpan(((n * o) + oc) * plane, plane));
                    }

                    gb[oc] += sum;
                }
            }

            ChunkedBackward(g, nb, chunks, chunkWork, x, weight, gy);
        }, Operands(x, weight, bias));
    }

    /// <summary>The weight and input gradients of <see cref="Conv2dChunked"/>.</summary>
    private static void ChunkedBackward(ConvGeometry g, int nb, int chunks, long chunkWork, Tensor x, Tensor weight, float[] gy)
    {
        bool wantW = weight.RequiresGrad, wantX = x.RequiresGrad;
        if (!wantW && !wantX)
        {
            return;
        }

        int o = weight.Dim(0), rows = g.Rows, plane = g.OH * g.OW;
        int groups = Math.Min(chunks, ChunkGroups);
        float[] xd = x.Data, wd = weight.Data;
        var partial = wantW ? ArrayPool<float>.Shared.Rent(groups * rows * o) : null;
        var gx = wantX ? x.GradBuffer() : null;
        KernelThreads.ForParts(groups, chunkWork * chunks / groups * 2, (firstGroup, endGroup) =>
        {
            var cols = ArrayPool<float>.Shared.Rent(rows * nb * plane);
            var g2 = ArrayPool<float>.Shared.Rent(o * nb * plane);
            for (int group = firstGroup; group < endGroup; group++)
            {
                int first = chunks * group / groups, end = chunks * (group + 1) / groups;
                for (int chunk = first; chunk < end; chunk++)
                {
                    int n0 = chunk * nb, count = Math.Min(nb, g.N - n0), p = count * plane;
                    PlanesToColumns(gy, n0, o, plane, n0 * o, count * o, g2, p);

                    if (partial is not null)
                    {
                        // This chunk's weight gradient, added to the group's partial sum.
                        Im2Col.UnfoldImages(g, xd, cols, n0, count);
                        WeightGradientProduct(o, rows, p, cols, g2, partial, group * rows * o, accumulate: chunk > first, serial: true);
                    }

                    if (gx is not null)
                    {
                        // The column gradient Wᵀ · g2 reuses the column buffer, then folds into this chunk's images.
                        Gemm.Multiply(true, false, rows, p, o, wd, 0, rows, g2, 0, p, cols, 0, p, accumulate: false, serial: true);
                        Im2Col.FoldImages(g, cols, gx, n0, count);
                    }
                }
            }

            ArrayPool<float>.Shared.Return(g2);
            ArrayPool<float>.Shared.Return(cols);
        });

        if (partial is not null)
        {
            AddWeightGradient(partial, groups, rows, o, weight.GradBuffer());
            ArrayPool<float>.Shared.Return(partial);
        }
    }
}
