namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Tile edge of the blocked transpose: a 32×32 float tile is 4 KB read and 4 KB written, inside L1.</summary>
    private const int TransposeTile = 32;

    /// <summary>
    /// <paramref name="x"/> with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped
    /// (<c>torch.transpose</c>), as a new row-major tensor (a copy, not a strided view).
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="dim0">One dimension; negative values count from the end.</param>
    /// <param name="dim1">The other dimension.</param>
    /// <returns>The transposed copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Transpose(Tensor x, int dim0, int dim1)
    {
        int a = NormalizeDim(dim0, x.Rank, "Transpose"), b = NormalizeDim(dim1, x.Rank, "Transpose");
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return PermuteChecked(x, perm);
    }

    /// <summary>
    /// <paramref name="x"/> with its dimensions reordered (<c>torch.permute</c>): dimension i of the result is
    /// dimension <c>dims[i]</c> of <paramref name="x"/>. The result is a new row-major tensor (a copy); the common
    /// cases (swapping the last two dimensions, moving a middle one) copy whole rows or 32×32 tiles.
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="dims">A permutation of 0 … rank − 1; negative values count from the end.</param>
    /// <returns>The permuted copy.</returns>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of the dimensions.</exception>
    public static Tensor Permute(Tensor x, params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length != x.Rank)
        {
            throw new ArgumentException($"Permute: {dims.Length} dimensions given for a rank-{x.Rank} tensor {Shapes.Format(x.ShapeSpan)}.", nameof(dims));
        }

        var perm = new int[dims.Length];
        var seen = new bool[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            perm[i] = NormalizeDim(dims[i], x.Rank, "Permute");
            if (seen[perm[i]])
            {
                throw new ArgumentException($"Permute: dimension {dims[i]} appears twice in [{string.Join(", ", dims)}].", nameof(dims));
            }

            seen[perm[i]] = true;
        }

        return PermuteChecked(x, perm);
    }

    private static Tensor PermuteChecked(Tensor x, int[] perm)
    {
        var shape = new int[perm.Length];
        var inverse = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++)
        {
            shape[i] = x.Dim(perm[i]);
            inverse[perm[i]] = i;
        }

        var y = TensorMemory.Output(x.Length);
        PermuteInto(x.Data, x.ShapeSpan, perm, y, accumulate: false);
        return Tensor.FromOp(y, shape, o =>
        {
            var gx = x.GradTarget(out bool fresh);
            PermuteInto(o.Grad!, shape, inverse, gx, accumulate: !fresh);
        }, x);
    }

    /// <summary>
    /// Writes (or adds) <paramref name="src"/>, of shape <paramref name="srcShape"/>, permuted by
    /// <paramref name="perm"/> into <paramref name="dst"/>. Dimensions of size 1 are dropped and neighbours that stay
    /// neighbours are merged, so the copy is one of: a plain copy, whole rows, 32×32 tiles of a transpose, or (other
    /// cases) a strided gather along the innermost output dimension.
    /// </summary>
    private static void PermuteInto(float[] src, ReadOnlySpan<int> srcShape, int[] perm, float[] dst, bool accumulate)
    {
        var srcStrides = Strides(srcShape);
        var sizes = new List<int>();
        var strides = new List<int>();
        foreach (int p in perm)
        {
            int size = srcShape[p], stride = srcStrides[p];
            if (size == 1)
            {
                continue;
            }

            if (sizes.Count > 0 && strides[^1] == stride * size)
            {
                sizes[^1] *= size;
                strides[^1] = stride;
            }
            else
            {
                sizes.Add(size);
                strides.Add(stride);
            }
        }

        int total = dst.Length;
        if (total == 0)
        {
            return;
        }

        if (sizes.Count == 0 || (sizes.Count == 1 && strides[0] == 1))
        {
            CopySlabs(src, 0, 0, dst, 0, 0, 1, total, accumulate);
            return;
        }

        int dims = sizes.Count;
        bool tiled = dims >= 2 && strides[^2] == 1;
        int outerDims = tiled ? dims - 2 : dims - 1;
        int block = tiled ? sizes[^1] * sizes[^2] : sizes[^1];
        var counter = new int[outerDims];
        int srcBase = 0;
        for (int dstBase = 0; dstBase < total; dstBase += block)
        {
            if (tiled)
            {
                TransposeBlock(src, srcBase, strides[^1], dst, dstBase, sizes[^2], sizes[^1], accumulate);
            }
            else if (strides[^1] == 1)
            {
                CopySlabs(src, srcBase, 0, dst, dstBase, 0, 1, block, accumulate);
            }
            else
            {
                StridedRow(src, srcBase, strides[^1], dst, dstBase, block, accumulate);
            }

            for (int d = outerDims - 1; d >= 0; d--)
            {
                srcBase += strides[d];
                if (++counter[d] < sizes[d])
                {
                    break;
                }

                srcBase -= strides[d] * sizes[d];
                counter[d] = 0;
            }
        }
    }

    /// <summary>
    /// <c>dst[dstBase + p·cols + q] (+)= src[srcBase + p + q·srcStride]</c> for p &lt; rows, q &lt; cols, in tiles so that
    /// both sides are read and written a cache line at a time.
    /// </summary>
    private static void TransposeBlock(float[] src, int srcBase, int srcStride, float[] dst, int dstBase, int rows, int cols, bool accumulate)
    {
        for (int p0 = 0; p0 < rows; p0 += TransposeTile)
        {
            int p1 = Math.Min(rows, p0 + TransposeTile);
            for (int q0 = 0; q0 < cols; q0 += TransposeTile)
            {
                int q1 = Math.Min(cols, q0 + TransposeTile);
                for (int p = p0; p < p1; p++)
                {
                    int d = dstBase + (p * cols);
                    int s = srcBase + p;
                    if (accumulate)
                    {
                        for (int q = q0; q < q1; q++)
                        {
                            dst[d + q] += src[s + (q * srcStride)];
                        }
                    }
                    else
                    {
                        for (int q = q0; q < q1; q++)
                        {
                            dst[d + q] = src[s + (q * srcStride)];
                        }
                    }
                }
            }
        }
    }

    private static void StridedRow(float[] src, int srcBase, int srcStride, float[] dst, int dstBase, int count, bool accumulate)
    {
        for (int q = 0; q < count; q++)
        {
            float v = src[srcBase + (q * srcStride)];
            dst[dstBase + q] = accumulate ? dst[dstBase + q] + v : v;
        }
    }
}
