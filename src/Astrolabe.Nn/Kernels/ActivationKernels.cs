using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>An element-wise activation on <see cref="Vector256{T}"/> lanes: its value and its derivative.</summary>
internal interface IVectorActivation
{
    static abstract Vector256<float> Value(Vector256<float> x);

    static abstract Vector256<float> Derivative(Vector256<float> x);
}

/// <summary>
/// Runs an <see cref="IVectorActivation"/> over spans: whole vectors, then each remaining element alone in a broadcast
/// vector, so the tail gets exactly the lanes' formula.
/// </summary>
internal static class ActivationKernels
{
    private static int Width => Vector256<float>.Count;

    /// <summary><c>y = f(x)</c>.</summary>
    public static void Forward<TActivation>(ReadOnlySpan<float> x, Span<float> y)
        where TActivation : IVectorActivation
    {
        int i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            TActivation.Value(Vector256.Create(x.Slice(i, Width))).CopyTo(y.Slice(i, Width));
        }

        for (; i < x.Length; i++)
        {
            y[i] = TActivation.Value(Vector256.Create(x[i])).ToScalar();
        }
    }

    /// <summary><c>gx += gy·f′(x)</c>, or <c>gx = gy·f′(x)</c> when not <paramref name="accumulate"/>.</summary>
    public static void Backward<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gx, bool accumulate = true)
        where TActivation : IVectorActivation
    {
        int i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            var g = Vector256.Create(gy.Slice(i, Width)) * TActivation.Derivative(Vector256.Create(x.Slice(i, Width)));
            (accumulate ? Vector256.Create(gx.Slice(i, Width)) + g : g).CopyTo(gx.Slice(i, Width));
        }

        for (; i < x.Length; i++)
        {
            float g = gy[i] * TActivation.Derivative(Vector256.Create(x[i])).ToScalar();
            gx[i] = accumulate ? gx[i] + g : g;
        }
    }
}
