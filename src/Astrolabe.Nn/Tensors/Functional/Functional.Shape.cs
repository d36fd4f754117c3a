namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Joins tensors along <paramref name="dim"/> (<c>torch.cat</c>): they must have the same rank and the same sizes
    /// in every other dimension. Each input's gradient is its slice of the output's.
    /// </summary>
    /// <param name="tensors">At least one tensor.</param>
    /// <param name="dim">The dimension joined along; negative values count from the end.</param>
    /// <returns>A new tensor whose dimension <paramref name="dim"/> is the sum of the inputs' sizes there.</returns>
    /// <exception cref="ArgumentException">No tensor, or the ranks or other sizes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int dim)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Concat: needs at least one tensor.", nameof(tensors));
        }

        var first = tensors[0];
        int d = NormalizeDim(dim, first.Rank, "Concat");
        var parts = tensors.ToArray();
        var sizes = new int[parts.Length];
        int total = 0;
        for (int t = 0; t < parts.Length; t++)
        {
            var s = parts[t].ShapeSpan;
            bool fits = s.Length == first.Rank;
            for (int k = 0; fits && k < s.Length; k++)
            {
                fits = k == d || s[k] == first.ShapeSpan[k];
            }

            if (!fits)
            {
                throw new ArgumentException(
                    $"Concat: tensor {t} has shape {Shapes.Format(s)}, which does not match {Shapes.Format(first.ShapeSpan)} outside dimension {dim}.");
            }

            sizes[t] = s[d];
            total += s[d];
        }

        var (outer, _, inner) = AroundDim(first.ShapeSpan, d);
        var y = TensorMemory.Output(outer * total * inner);
        int at = 0;
        for (int t = 0; t < parts.Length; t++)
        {
            CopySlabs(parts[t].Data, 0, sizes[t] * inner, y, at * inner, total * inner, outer, sizes[t] * inner, accumulate: false);
            at += sizes[t];
        }

        return Tensor.FromOp(y, WithDim(first.ShapeSpan, d, total), o =>
        {
            int from = 0;
            for (int t = 0; t < parts.Length; t++)
            {
                var p = parts[t];
                if (p.RequiresGrad)
                {
                    var gp = p.GradTarget(out bool fresh);
                    CopySlabs(o.Grad!, from * inner, total * inner, gp, 0, sizes[t] * inner, outer, sizes[t] * inner, accumulate: !fresh);
                }

                from += sizes[t];
            }
        }, parts);
    }

    /// <summary>
    /// Cuts <paramref name="x"/> along <paramref name="dim"/> into pieces of the given sizes
    /// (<c>torch.split(x, sizes, dim)</c>); each piece is a copy with its own gradient path back into its slice.
    /// </summary>
    /// <param name="x">The tensor, rank ≥ 1.</param>
    /// <param name="sizes">Non-negative sizes that add up to <c>x.Dim(dim)</c>.</param>
    /// <param name="dim">The dimension cut; negative values count from the end.</param>
    /// <returns>The pieces, in order.</returns>
    /// <exception cref="ArgumentException">A size is negative or the sizes do not add up.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor[] Split(Tensor x, int[] sizes, int dim)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = NormalizeDim(dim, x.Rank, "Split");
        var (outer, n, inner) = AroundDim(x.ShapeSpan, d);
        if (sizes.Any(s => s < 0) || sizes.Sum() != n)
        {
            throw new ArgumentException(
                $"Split: sizes [{string.Join(", ", sizes)}] do not add up to {n}, dimension {dim} of {Shapes.Format(x.ShapeSpan)}.", nameof(sizes));
        }

        var pieces = new Tensor[sizes.Length];
        int at = 0;
        for (int p = 0; p < sizes.Length; p++)
        {
            int size = sizes[p], from = at;
            var y = TensorMemory.Output(outer * size * inner);
            CopySlabs(x.Data, from * inner, n * inner, y, 0, size * inner, outer, size * inner, accumulate: false);
            pieces[p] = Tensor.FromOp(y, WithDim(x.ShapeSpan, d, size), o =>
                CopySlabs(o.Grad!, 0, size * inner, x.GradBuffer(), from * inner, n * inner, outer, size * inner, accumulate: true), x);
            at += size;
        }

        return pieces;
    }

    /// <summary>
    /// Cuts <paramref name="x"/> along <paramref name="dim"/> into pieces of <paramref name="splitSize"/> (the last
    /// one smaller when the size does not divide), like <c>torch.split(x, split_size, dim)</c>.
    /// </summary>
    /// <param name="x">The tensor, rank ≥ 1.</param>
    /// <param name="splitSize">The size of each piece, ≥ 1.</param>
    /// <param name="dim">The dimension cut; negative values count from the end.</param>
    /// <returns>The pieces, in order (one empty piece when the dimension has size 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitSize"/> is less than 1, or <paramref name="dim"/> is out of range.</exception>
    public static Tensor[] Split(Tensor x, int splitSize, int dim)
    {
        if (splitSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(splitSize), $"Split: split size must be at least 1, got {splitSize}.");
        }

        int n = x.Dim(NormalizeDim(dim, x.Rank, "Split"));
        int count = Math.Max(1, (n + splitSize - 1) / splitSize);
        var sizes = new int[count];
        for (int p = 0; p < count; p++)
        {
            sizes[p] = Math.Min(splitSize, n - (p * splitSize));
        }

        return Split(x, sizes, dim);
    }

    /// <summary>A view of <paramref name="x"/> with a new dimension of size 1 at <paramref name="dim"/> (<c>torch.unsqueeze</c>).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="dim">Where the new dimension goes, in [−rank − 1, rank]; negative values count from the end of the result.</param>
    /// <returns>The view (shares <paramref name="x"/>'s data).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Unsqueeze(Tensor x, int dim)
    {
        int d = NormalizeDim(dim, x.Rank + 1, "Unsqueeze");
        return Reshape(x, [.. x.ShapeSpan[..d], 1, .. x.ShapeSpan[d..]]);
    }

    /// <summary>
    /// A view of <paramref name="x"/> without dimension <paramref name="dim"/> when its size is 1; otherwise a view of
    /// the same shape (<c>torch.squeeze(x, dim)</c>).
    /// </summary>
    /// <param name="x">The tensor, rank ≥ 1.</param>
    /// <param name="dim">The dimension; negative values count from the end.</param>
    /// <returns>The view (shares <paramref name="x"/>'s data).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Squeeze(Tensor x, int dim)
    {
        int d = NormalizeDim(dim, x.Rank, "Squeeze");
        return Reshape(x, x.Dim(d) == 1 ? WithDim(x.ShapeSpan, d, -1) : x.Shape);
    }

    /// <summary>A view of <paramref name="x"/> without any of its dimensions of size 1 (<c>torch.squeeze(x)</c>).</summary>
    /// <param name="x">The tensor.</param>
    /// <returns>The view (shares <paramref name="x"/>'s data).</returns>
    public static Tensor Squeeze(Tensor x) => Reshape(x, [.. x.Shape.Where(s => s != 1)]);

    /// <summary>
    /// Copies (or adds) <paramref name="outer"/> blocks of <paramref name="block"/> floats from <paramref name="src"/>
    /// to <paramref name="dst"/>, each side stepping by its own stride from its own start.
    /// </summary>
    private static void CopySlabs(float[] src, int srcStart, int srcStride, float[] dst, int dstStart, int dstStride, int outer, int block, bool accumulate)
    {
        if (block == 0)
        {
            return;
        }

        for (int o = 0; o < outer; o++)
        {
            var s = src.AsSpan(srcStart + (o * srcStride), block);
            var t = dst.AsSpan(dstStart + (o * dstStride), block);
            if (accumulate)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(t, s, t);
            }
            else
            {
                s.CopyTo(t);
            }
        }
    }
}
