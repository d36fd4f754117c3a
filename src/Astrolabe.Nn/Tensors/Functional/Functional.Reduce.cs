using System.Numerics.Tensors;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>The sum along dimension <paramref name="dim"/> (<c>torch.sum(x, dim, keepdim)</c>).</summary>
    /// <param name="x">The tensor, rank ≥ 1.</param>
    /// <param name="dim">The dimension to sum over; negative values count from the end.</param>
    /// <param name="keepDim">Whether the summed dimension stays, with size 1, or is removed.</param>
    /// <returns>The sums; a dimension of size 0 sums to 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Sum(Tensor x, int dim, bool keepDim = false) => SumAlong(x, dim, keepDim, mean: false, "Sum");

    /// <summary>The mean along dimension <paramref name="dim"/> (<c>torch.mean(x, dim, keepdim)</c>).</summary>
    /// <param name="x">The tensor, rank ≥ 1.</param>
    /// <param name="dim">The dimension to average over; negative values count from the end.</param>
    /// <param name="keepDim">Whether the averaged dimension stays, with size 1, or is removed.</param>
    /// <returns>The means.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The dimension has size 0.</exception>
    public static Tensor Mean(Tensor x, int dim, bool keepDim = false) => SumAlong(x, dim, keepDim, mean: true, "Mean");

    /// <summary>
    /// The maximum along dimension <paramref name="dim"/> and where it lies (<c>torch.max(x, dim, keepdim)</c>): the
    /// first index of the largest value, or of the first NaN (a NaN is the maximum, as in PyTorch). The gradient goes
    /// to that one element.
    /// </summary>
    /// <param name="x">The tensor, rank ≥ 1.</param>
    /// <param name="dim">The dimension to reduce; negative values count from the end.</param>
    /// <param name="keepDim">Whether the reduced dimension stays, with size 1, or is removed.</param>
    /// <returns>
    /// The maxima, and their indices along <paramref name="dim"/> (row-major, the shape of the maxima; like the maxima,
    /// taken from the open <see cref="TensorArena"/> scope, if any).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The dimension has size 0.</exception>
    public static (Tensor Values, int[] Indices) Max(Tensor x, int dim, bool keepDim = false)
    {
        int d = NormalizeDim(dim, x.Rank, "Max");
        var (outer, n, inner) = AroundDim(x.ShapeSpan, d);
        if (n == 0)
        {
            throw new ArgumentException($"Max: dimension {dim} of {Shapes.Format(x.ShapeSpan)} is empty.", nameof(x));
        }

        var y = TensorMemory.Output(outer * inner);
        var idx = TensorMemory.OutputInts(outer * inner);
        var xs = x.Data;
        for (int o = 0; o < outer; o++)
        {
            int baseX = o * n * inner, baseY = o * inner;
            xs.AsSpan(baseX, inner).CopyTo(y.AsSpan(baseY, inner));
            idx.AsSpan(baseY, inner).Clear();
            for (int j = 1; j < n; j++)
            {
                int row = baseX + (j * inner);
                for (int i = 0; i < inner; i++)
                {
                    float v = xs[row + i], best = y[baseY + i];
                    if (v > best || (float.IsNaN(v) && !float.IsNaN(best)))
                    {
                        y[baseY + i] = v;
                        idx[baseY + i] = j;
                    }
                }
            }
        }

        var values = Tensor.FromOp(y, WithDim(x.ShapeSpan, d, keepDim ? 1 : -1), o =>
        {
            var gx = x.GradBuffer();
            var g = o.Grad!;
            for (int r = 0; r < outer; r++)
            {
                for (int i = 0; i < inner; i++)
                {
                    int k = (r * inner) + i;
                    gx[(((r * n) + idx[k]) * inner) + i] += g[k];
                }
            }
        }, x);
        return (values, idx);
    }

    private static Tensor SumAlong(Tensor x, int dim, bool keepDim, bool mean, string op)
    {
        int d = NormalizeDim(dim, x.Rank, op);
        var (outer, n, inner) = AroundDim(x.ShapeSpan, d);
        if (mean && n == 0)
        {
            throw new ArgumentException($"{op}: dimension {dim} of {Shapes.Format(x.ShapeSpan)} is empty.", nameof(x));
        }

        float scale = mean ? 1f / n : 1f;
        var y = TensorMemory.Output(outer * inner);
        for (int o = 0; o < outer; o++)
        {
            var yr = y.AsSpan(o * inner, inner);
            if (inner == 1)
            {
                yr[0] = TensorPrimitives.Sum(x.Data.AsSpan(o * n, n));
            }
            else
            {
                yr.Clear();
                for (int j = 0; j < n; j++)
                {
                    TensorPrimitives.Add(yr, x.Data.AsSpan(((o * n) + j) * inner, inner), yr);
                }
            }

            if (mean)
            {
                TensorPrimitives.Divide(yr, (float)n, yr);
            }
        }

        return Tensor.FromOp(y, WithDim(x.ShapeSpan, d, keepDim ? 1 : -1), o =>
        {
            var gx = x.GradBuffer();
            var g = o.Grad!;
            for (int r = 0; r < outer; r++)
            {
                var gr = g.AsSpan(r * inner, inner);
                for (int j = 0; j < n; j++)
                {
                    var t = gx.AsSpan(((r * n) + j) * inner, inner);
                    TensorPrimitives.MultiplyAdd(gr, scale, t, t);
                }
            }
        }, x);
    }
}
