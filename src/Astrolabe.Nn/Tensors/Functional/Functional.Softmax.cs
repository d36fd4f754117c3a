using System.Numerics.Tensors;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Softmax over the last dimension.</summary>
    /// <param name="x">The input [..., n].</param>
    /// <returns>Probabilities of the same shape.</returns>
    public static Tensor Softmax(Tensor x)
    {
        int n = LastDim(x, "Softmax");
        var y = TensorMemory.Output(x.Length);
        for (int r = 0; r < x.Length / n; r++)
        {
            TensorPrimitives.SoftMax(x.Data.AsSpan(r * n, n), y.AsSpan(r * n, n));
        }

        return Tensor.FromOp(y, x.Shape, o =>
        {
            var gx = x.GradBuffer();
            for (int r = 0; r < x.Length / n; r++)
            {
                var yr = o.Data.AsSpan(r * n, n);
                var gr = o.Grad.AsSpan(r * n, n);
                float dot = TensorPrimitives.Dot<float>(yr, gr);
                var gxr = gx.AsSpan(r * n, n);
                for (int i = 0; i < n; i++)
                {
                    gxr[i] += yr[i] * (gr[i] - dot);
                }
            }
        }, x);
    }

    /// <summary>Log-softmax over the last dimension (computed stably).</summary>
    /// <param name="x">The input [..., n].</param>
    /// <returns>Log-probabilities of the same shape.</returns>
    public static Tensor LogSoftmax(Tensor x)
    {
        int n = LastDim(x, "LogSoftmax");
        var y = TensorMemory.Output(x.Length);
        for (int r = 0; r < x.Length / n; r++)
        {
            LogSoftmaxRow(x.Data.AsSpan(r * n, n), y.AsSpan(r * n, n));
        }

        return Tensor.FromOp(y, x.Shape, o =>
        {
            var gx = x.GradBuffer();
            for (int r = 0; r < x.Length / n; r++)
            {
                var yr = o.Data.AsSpan(r * n, n);
                var gr = o.Grad.AsSpan(r * n, n);
                float sum = TensorPrimitives.Sum<float>(gr);
                var gxr = gx.AsSpan(r * n, n);
                for (int i = 0; i < n; i++)
                {
                    gxr[i] += gr[i] - (MathF.Exp(yr[i]) * sum);
                }
            }
        }, x);
    }

    /// <summary>Writes log-softmax of one row: x − max − log Σ exp(x − max) (vectorised exp, float sum in double).</summary>
    internal static void LogSoftmaxRow(ReadOnlySpan<float> x, Span<float> y)
    {
        float max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        Span<float> e = x.Length <= 256 ? stackalloc float[x.Length] : new float[x.Length];
        TensorPrimitives.Exp(y, e);
        double sum = 0;
        foreach (float v in e)
        {
            sum += v;
        }

        TensorPrimitives.Subtract(y, (float)Math.Log(sum), y);
    }

    private static int LastDim(Tensor x, string op)
    {
        if (x.Rank == 0 || x.Dim(-1) == 0)
        {
            throw new ArgumentException($"{op}: needs a non-empty last dimension, got {Shapes.Format(x.ShapeSpan)}.");
        }

        return x.Dim(-1);
    }
}
