using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Vectorised tanh and SiLU (forward and SiLU's derivative) on <see cref="Vector256{T}"/> lanes with
/// <see cref="Vector256.Exp(Vector256{float})"/>; the tail that does not fill a vector runs the same formulas on scalars.
/// </summary>
internal static class ActivationKernels
{
    private static int Width => Vector256<float>.Count;

    /// <summary>
    /// <c>y = tanh(x)</c>: Cephes' odd polynomial <c>x + x³·P(x²)</c> below |x| = 0.625 (where <c>1 − 2/(e^{2x} + 1)</c>
    /// would cancel), that formula above, saturating at ±1.
    /// </summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            Tanh(Vector256.Create(x.Slice(i, Width))).CopyTo(y.Slice(i, Width));
        }

        for (; i < x.Length; i++)
        {
            y[i] = Tanh(Vector256.Create(x[i])).ToScalar();
        }
    }

    /// <summary><c>y = x·σ(x)</c>.</summary>
    public static void Silu(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            var v = Vector256.Create(x.Slice(i, Width));
            (v * Sigmoid(v)).CopyTo(y.Slice(i, Width));
        }

        for (; i < x.Length; i++)
        {
            y[i] = x[i] * Sigmoid(Vector256.Create(x[i])).ToScalar();
        }
    }

    /// <summary><c>gx += gy·σ(x)·(1 + x·(1 − σ(x)))</c>.</summary>
    public static void SiluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gx)
    {
        int i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            var v = Vector256.Create(x.Slice(i, Width));
            var s = Sigmoid(v);
            var g = Vector256.Create(gx.Slice(i, Width)) + (Vector256.Create(gy.Slice(i, Width)) * s * (Vector256<float>.One + (v * (Vector256<float>.One - s))));
            g.CopyTo(gx.Slice(i, Width));
        }

        for (; i < x.Length; i++)
        {
            float s = Sigmoid(Vector256.Create(x[i])).ToScalar();
            gx[i] += gy[i] * s * (1f + (x[i] * (1f - s)));
        }
    }

    private static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    private static Vector256<float> Tanh(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var z = x * x;
        var p = (((((((z * -5.70498872745e-3f) + C(2.06390887954e-2f)) * z) - C(5.37397155531e-2f)) * z) + C(1.33314422036e-1f)) * z) - C(3.33332819422e-1f);
        var small = (p * z * x) + x;
        // exp(2|x|) overflows to +∞ above |x| ≈ 44, where 1 − 2/(∞ + 1) = 1 as it should.
        var large = Vector256<float>.One - (Vector256.Create(2f) / (Vector256.Exp(a + a) + Vector256<float>.One));
        large = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -large, large);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, C(0.625f)), small, large);
    }

    private static Vector256<float> C(float value) => Vector256.Create(value);
}
