using System.Numerics.Tensors;

namespace Astrolabe.Optim;

/// <summary>SIMD elementwise operations on whole buffers (TensorPrimitives, threaded when large).</summary>
internal static class Elementwise
{
    /// <summary><c>dest = alpha·x</c>.</summary>
    public static void ScaleInto(float[] x, float alpha, float[] dest) =>
        ParallelRange.For(x.Length, (s, e) =>
        {
            if (alpha == 1f)
            {
                x.AsSpan(s, e - s).CopyTo(dest.AsSpan(s, e - s));
            }
            else
            {
                TensorPrimitives.Multiply(x.AsSpan(s, e - s), alpha, dest.AsSpan(s, e - s));
            }
        });

    /// <summary><c>dest += alpha·x</c>.</summary>
    public static void AddScaled(float[] x, float alpha, float[] dest) =>
        ParallelRange.For(x.Length, (s, e) =>
            TensorPrimitives.MultiplyAdd(x.AsSpan(s, e - s), alpha, dest.AsSpan(s, e - s), dest.AsSpan(s, e - s)));

    /// <summary><c>dest = alpha·x + beta·dest</c>.</summary>
    public static void Axpby(float[] x, float alpha, float[] dest, float beta) =>
        ParallelRange.For(x.Length, (s, e) =>
        {
            Span<float> d = dest.AsSpan(s, e - s);
            if (beta != 1f)
            {
                TensorPrimitives.Multiply(d, beta, d);
            }

            TensorPrimitives.MultiplyAdd(x.AsSpan(s, e - s), alpha, d, d);
        });
}
