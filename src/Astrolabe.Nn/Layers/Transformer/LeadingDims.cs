namespace Astrolabe.Nn;

/// <summary>Swaps the first two dimensions of a rank-3 tensor, [A, B, E] → [B, A, E] (a copy; the backward swaps back).</summary>
internal static class LeadingDims
{
    public static Tensor Swap(Tensor x)
    {
        int a = x.Dim(0), b = x.Dim(1), e = x.Dim(2);
        var y = TensorMemory.Output(x.Length);
        Copy(x.Data, y, a, b, e);
        return Tensor.FromOp(y, [b, a, e], o =>
        {
            var gx = x.GradTarget(out bool fresh);
            var g = o.Grad!;
            for (int j = 0; j < b; j++)
            {
                for (int i = 0; i < a; i++)
                {
                    var src = g.AsSpan(((j * a) + i) * e, e);
                    var dst = gx.AsSpan(((i * b) + j) * e, e);
                    if (fresh)
                    {
                        src.CopyTo(dst);
                    }
                    else
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
                    }
                }
            }
        }, x);
    }

    private static void Copy(float[] x, float[] y, int a, int b, int e)
    {
        for (int i = 0; i < a; i++)
        {
            for (int j = 0; j < b; j++)
            {
                Array.Copy(x, ((i * b) + j) * e, y, ((j * a) + i) * e, e);
            }
        }
    }
}
