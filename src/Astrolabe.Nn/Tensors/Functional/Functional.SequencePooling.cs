namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// The mean over time of each sequence's first <c>lengths[b]</c> steps: <c>y[b, e] = Σ_{t &lt; len_b} x[b, t, e] / len_b</c>
    /// (padding after a sequence's length is ignored) — the usual pooling of a text encoder's output.
    /// </summary>
    /// <param name="x">The sequences [B, T, E].</param>
    /// <param name="lengths">B lengths, each in 1..T.</param>
    /// <param name="layer">The name used in error messages.</param>
    /// <returns>The pooled vectors [B, E].</returns>
    /// <exception cref="ArgumentException">Not rank 3, a length count other than B, or a length outside 1..T (an empty sequence has no mean).</exception>
    public static Tensor MaskedMeanPool(Tensor x, int[] lengths, string layer = "MaskedMeanPool")
    {
        var (b, t, e) = CheckSequences(x, lengths, layer);
        var y = TensorMemory.OutputZeroed(b * e);
        for (int i = 0; i < b; i++)
        {
            var yr = y.AsSpan(i * e, e);
            for (int s = 0; s < lengths[i]; s++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(yr, x.Data.AsSpan(((i * t) + s) * e, e), yr);
            }

            System.Numerics.Tensors.TensorPrimitives.Multiply(yr, 1f / lengths[i], yr);
        }

        var lens = (int[])lengths.Clone();
        return Tensor.FromOp(y, [b, e], o =>
        {
            var gx = x.GradBuffer();
            for (int i = 0; i < b; i++)
            {
                var gr = o.Grad.AsSpan(i * e, e);
                float inv = 1f / lens[i];
                for (int s = 0; s < lens[i]; s++)
                {
                    var dst = gx.AsSpan(((i * t) + s) * e, e);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gr, inv, dst, dst);
                }
            }
        }, x);
    }

    /// <summary>
    /// The element-wise maximum over time of each sequence's first <c>lengths[b]</c> steps (padding ignored); the
    /// gradient goes to the first step holding each maximum.
    /// </summary>
    /// <param name="x">The sequences [B, T, E].</param>
    /// <param name="lengths">B lengths, each in 1..T.</param>
    /// <param name="layer">The name used in error messages.</param>
    /// <returns>The pooled vectors [B, E].</returns>
    /// <exception cref="ArgumentException">Not rank 3, a length count other than B, or a length outside 1..T.</exception>
    public static Tensor MaskedMaxPool(Tensor x, int[] lengths, string layer = "MaskedMaxPool")
    {
        var (b, t, e) = CheckSequences(x, lengths, layer);
        var y = TensorMemory.Output(b * e);
        var arg = TensorMemory.OutputInts(b * e);
        for (int i = 0; i < b; i++)
        {
            for (int j = 0; j < e; j++)
            {
                int best = 0;
                float max = x.Data[(i * t * e) + j];
                for (int s = 1; s < lengths[i]; s++)
                {
                    float v = x.Data[(((i * t) + s) * e) + j];
                    if (v > max || float.IsNaN(v))
                    {
                        (max, best) = (v, s);
                        if (float.IsNaN(v))
                        {
                            break;
                        }
                    }
                }

                y[(i * e) + j] = max;
                arg[(i * e) + j] = (((i * t) + best) * e) + j;
            }
        }

        return Tensor.FromOp(y, [b, e], o =>
        {
            var gx = x.GradBuffer();
            for (int i = 0; i < b * e; i++)
            {
                gx[arg[i]] += o.Grad![i];
            }
        }, x);
    }

    private static (int B, int T, int E) CheckSequences(Tensor x, int[] lengths, string layer)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(lengths);
        Shapes.RequireRank(x, 3, layer, "[B, T, E]");
        int b = x.Dim(0), t = x.Dim(1);
        if (lengths.Length != b)
        {
            throw new ArgumentException($"{layer}: {lengths.Length} lengths for a batch of {b} sequences.", nameof(lengths));
        }

        for (int i = 0; i < b; i++)
        {
            if (lengths[i] < 1 || lengths[i] > t)
            {
                throw new ArgumentException(
                    $"{layer}: sequence {i} has length {lengths[i]}, expected 1..{t} (an empty sequence cannot be pooled).", nameof(lengths));
            }
        }

        return (b, t, x.Dim(2));
    }
}
