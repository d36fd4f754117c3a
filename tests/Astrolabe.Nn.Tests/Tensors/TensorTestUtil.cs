namespace Astrolabe.Nn.Tests.Tensors;

/// <summary>Naive index arithmetic the tensor-op tests compare the kernels with.</summary>
internal static class TensorTestUtil
{
    public static int[] Strides(int[] shape)
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

    /// <summary>The multi-index of flat position <paramref name="flat"/> in <paramref name="shape"/>.</summary>
    public static int[] Unravel(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }

        return idx;
    }

    /// <summary>The flat offset in <paramref name="shape"/> of output index <paramref name="outIdx"/> under broadcasting.</summary>
    public static int BroadcastOffset(int[] outIdx, int[] shape)
    {
        int off = 0, shift = outIdx.Length - shape.Length;
        var strides = Strides(shape);
        for (int k = 0; k < shape.Length; k++)
        {
            off += (shape[k] == 1 ? 0 : outIdx[k + shift]) * strides[k];
        }

        return off;
    }

    /// <summary>A random shape of rank <paramref name="rank"/>, sizes 1…4.</summary>
    public static int[] RandomShape(Rng rng, int rank) => [.. Enumerable.Range(0, rank).Select(_ => 1 + (int)(rng.NextDouble() * 4))];

    public static void Near(float expected, float actual, float tol = 1e-5f) =>
        Assert.True(Math.Abs(expected - actual) <= tol * (1 + Math.Abs(expected)), $"expected {expected}, got {actual}");
}
