namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Picks elements along <paramref name="dim"/> by an index tensor (<c>torch.gather</c>): for a rank-3 input and
    /// dim 1, <c>y[i, j, k] = x[i, index[i, j, k], k]</c>. The gradient is added back (scatter-add) to the elements
    /// picked, as often as each was picked.
    /// </summary>
    /// <param name="x">The source tensor.</param>
    /// <param name="dim">The dimension indexed; negative values count from the end.</param>
    /// <param name="index">The indices, row-major, each in [0, x.Dim(dim)).</param>
    /// <param name="indexShape">
    /// The shape of <paramref name="index"/>: the same rank as <paramref name="x"/>, and no larger than it in every
    /// dimension but <paramref name="dim"/>. The output has this shape.
    /// </param>
    /// <returns>The gathered elements.</returns>
    /// <exception cref="ArgumentException">The index shape does not fit <paramref name="x"/>, or <paramref name="index"/> does not fill it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index is out of range.</exception>
    public static Tensor Gather(Tensor x, int dim, int[] index, int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(indexShape);
        int d = NormalizeDim(dim, x.Rank, "Gather");
        if (indexShape.Length != x.Rank || Shapes.Numel(indexShape) != index.Length)
        {
            throw new ArgumentException(
                $"Gather: index of shape {Shapes.Format(indexShape)} with {index.Length} elements does not fit input {Shapes.Format(x.ShapeSpan)} (same rank needed).");
        }

        for (int k = 0; k < x.Rank; k++)
        {
            if (k != d && indexShape[k] > x.Dim(k))
            {
                throw new ArgumentException(
                    $"Gather: index shape {Shapes.Format(indexShape)} is larger than input {Shapes.Format(x.ShapeSpan)} in dimension {k}.");
            }
        }

        int size = x.Dim(d);
        var offsets = TensorMemory.OutputInts(index.Length);
        var xStrides = Strides(x.ShapeSpan);
        var counter = new int[x.Rank];
        for (int e = 0; e < index.Length; e++)
        {
            int v = index[e];
            if ((uint)v >= (uint)size)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index), $"Gather: index {v} is outside [0, {size}) for dimension {dim} of {Shapes.Format(x.ShapeSpan)}.");
            }

            int off = 0;
            for (int k = 0; k < counter.Length; k++)
            {
                off += (k == d ? v : counter[k]) * xStrides[k];
            }

            offsets[e] = off;
            for (int k = counter.Length - 1; k >= 0 && ++counter[k] == indexShape[k]; k--)
            {
                counter[k] = 0;
            }
        }

        var y = TensorMemory.Output(index.Length);
        for (int e = 0; e < y.Length; e++)
        {
            y[e] = x.Data[offsets[e]];
        }

        return Tensor.FromOp(y, (int[])indexShape.Clone(), o =>
        {
            var gx = x.GradBuffer();
            var g = o.Grad!;
            for (int e = 0; e < g.Length; e++)
            {
                gx[offsets[e]] += g[e];
            }
        }, x);
    }

    /// <summary>
    /// The slices of <paramref name="x"/> at <paramref name="indices"/> along <paramref name="dim"/>, in that order
    /// (<c>torch.index_select</c>); an index may repeat. The gradient of each slice is added back where it came from.
    /// </summary>
    /// <param name="x">The source tensor, rank ≥ 1.</param>
    /// <param name="dim">The dimension indexed; negative values count from the end.</param>
    /// <param name="indices">The indices, each in [0, x.Dim(dim)).</param>
    /// <returns><paramref name="x"/>'s shape with dimension <paramref name="dim"/> of size <c>indices.Length</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index is out of range.</exception>
    public static Tensor IndexSelect(Tensor x, int dim, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int d = NormalizeDim(dim, x.Rank, "IndexSelect");
        var (outer, n, inner) = AroundDim(x.ShapeSpan, d);
        foreach (int v in indices)
        {
            if ((uint)v >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), $"IndexSelect: index {v} is outside [0, {n}) for dimension {dim} of {Shapes.Format(x.ShapeSpan)}.");
            }
        }

        var picked = (int[])indices.Clone();
        int m = picked.Length;
        var y = TensorMemory.Output(outer * m * inner);
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < m; j++)
            {
                x.Data.AsSpan(((o * n) + picked[j]) * inner, inner).CopyTo(y.AsSpan(((o * m) + j) * inner, inner));
            }
        }

        return Tensor.FromOp(y, WithDim(x.ShapeSpan, d, m), o =>
        {
            var gx = x.GradBuffer();
            var g = o.Grad!;
            for (int r = 0; r < outer; r++)
            {
                for (int j = 0; j < m; j++)
                {
                    var t = gx.AsSpan(((r * n) + picked[j]) * inner, inner);
                    System.Numerics.Tensors.TensorPrimitives.Add(t, g.AsSpan(((r * m) + j) * inner, inner), t);
                }
            }
        }, x);
    }

    /// <summary>Row-major element strides of <paramref name="shape"/>.</summary>
    private static int[] Strides(ReadOnlySpan<int> shape)
    {
        var s = new int[shape.Length];
        int run = 1;
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            s[k] = run;
            run *= shape[k];
        }

        return s;
    }
}
