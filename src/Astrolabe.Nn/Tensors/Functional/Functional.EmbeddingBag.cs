using System.Numerics.Tensors;

namespace Astrolabe.Nn;

/// <summary>How <see cref="Functional.EmbeddingBag"/> reduces the rows of a bag.</summary>
public enum EmbeddingBagMode
{
    /// <summary>The (optionally weighted) sum of the bag's rows.</summary>
    Sum,

    /// <summary>The mean of the bag's rows (padding entries not counted); an empty bag gives zeros.</summary>
    Mean,
}

public static partial class Functional
{
    /// <summary>
    /// Sums or averages bags of rows of <paramref name="weight"/> without materialising the looked-up rows, as
    /// <c>torch.nn.functional.embedding_bag</c> with 1-D input and offsets: bag b holds
    /// <c>indices[offsets[b] .. offsets[b+1])</c> (the last one runs to the end).
    /// </summary>
    /// <param name="indices">Row indices, each in [0, rows), bags one after another.</param>
    /// <param name="offsets">Where each bag starts: <c>offsets[0] = 0</c>, non-decreasing, at most the number of indices (equal offsets make empty bags).</param>
    /// <param name="weight">The table [rows, dim]; its gradient may be row-sparse (<see cref="Tensor.SparseGrad"/>).</param>
    /// <param name="mode">Sum or mean. An empty bag (or one of padding entries only) gives zeros in both.</param>
    /// <param name="perSampleWeights">A weight per index (a tensor of their number, differentiable), Sum mode only; null for 1.</param>
    /// <param name="paddingIdx">An index left out of every bag (and of the mean's count), in [−rows, rows), or null.</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The bags [offsets.Length, dim].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index or <paramref name="paddingIdx"/> is out of range.</exception>
    /// <exception cref="ArgumentException">Offsets that do not start at 0, decrease or pass the end; per-sample weights of the wrong length or in Mean mode; a table not of rank 2.</exception>
    public static Tensor EmbeddingBag(int[] indices, int[] offsets, Tensor weight, EmbeddingBagMode mode = EmbeddingBagMode.Sum, Tensor? perSampleWeights = null, int? paddingIdx = null, string layer = "EmbeddingBag")
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(offsets);
        Shapes.RequireRank(weight, 2, layer, "weight [rows, dim]");
        int rows = weight.Dim(0), d = weight.Dim(1), n = indices.Length, bags = offsets.Length;
        int pad = EmbeddingPadding(paddingIdx, rows, layer);
        CheckBags(indices, offsets, rows, layer);
        if (perSampleWeights is not null && (mode != EmbeddingBagMode.Sum || perSampleWeights.Length != n))
        {
            throw new ArgumentException(mode != EmbeddingBagMode.Sum
                ? $"{layer}: per-sample weights are only supported in Sum mode."
                : $"{layer}: {perSampleWeights.Length} per-sample weights for {n} indices.");
        }

        // scale[i]: the factor of entry i in its bag (0 for padding), bagOf[i]: its bag.
        var scale = new float[n];
        var bagOf = new int[n];
        var y = TensorMemory.OutputZeroed(bags * d);
        for (int b = 0; b < bags; b++)
        {
            int start = offsets[b], end = b + 1 < bags ? offsets[b + 1] : n, count = 0;
            for (int i = start; i < end; i++)
            {
                bagOf[i] = b;
                if (indices[i] != pad)
                {
                    scale[i] = perSampleWeights?.Data[i] ?? 1f;
                    count++;
                }
            }

            if (mode == EmbeddingBagMode.Mean && count > 0)
            {
                for (int i = start; i < end; i++)
                {
                    scale[i] /= count;
                }
            }

            var yb = y.AsSpan(b * d, d);
            for (int i = start; i < end; i++)
            {
                if (indices[i] != pad)
                {
                    TensorPrimitives.MultiplyAdd(weight.Data.AsSpan(indices[i] * d, d), scale[i], yb, yb);
                }
            }
        }

        Tensor[] parents = perSampleWeights is null ? [weight] : [weight, perSampleWeights];
        return Tensor.FromOp(y, [bags, d], o =>
        {
            var g = o.Grad!;
            if (perSampleWeights is { RequiresGrad: true })
            {
                var gs = perSampleWeights.GradBuffer();
                for (int i = 0; i < n; i++)
                {
                    if (indices[i] != pad)
                    {
                        gs[i] += TensorPrimitives.Dot(g.AsSpan(bagOf[i] * d, d), weight.Data.AsSpan(indices[i] * d, d));
                    }
                }
            }

            if (!weight.RequiresGrad)
            {
                return;
            }

            var sparse = weight.SparseGrad;
            var gw = sparse is null ? weight.GradBuffer() : null;
            for (int i = 0; i < n; i++)
            {
                if (indices[i] != pad)
                {
                    var row = sparse is null ? gw.AsSpan(indices[i] * d, d) : sparse.Row(indices[i]);
                    TensorPrimitives.MultiplyAdd(g.AsSpan(bagOf[i] * d, d), scale[i], row, row);
                }
            }
        }, parents);
    }

    private static void CheckBags(int[] indices, int[] offsets, int rows, string layer)
    {
        for (int b = 0; b < offsets.Length; b++)
        {
            int o = offsets[b];
            if (b == 0 && o != 0)
            {
                throw new ArgumentException($"{layer}: offsets[0] must be 0, got {o}.");
            }

            if (b > 0 && o < offsets[b - 1])
            {
                throw new ArgumentException($"{layer}: offsets must not decrease, but offsets[{b}] = {o} < offsets[{b - 1}] = {offsets[b - 1]}.");
            }

            if (o > indices.Length)
            {
                throw new ArgumentException($"{layer}: offsets[{b}] = {o} is past the end of the {indices.Length} indices.");
            }
        }

        foreach (int r in indices)
        {
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"{layer}: index {r} is outside [0, {rows}).");
            }
        }
    }
}
