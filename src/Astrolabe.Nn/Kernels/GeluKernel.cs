using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Exact GELU <c>x·Φ(x)</c> and its derivative <c>Φ(x) + x·φ(x)</c>, vectorised: Φ comes from the same
/// complementary-error-function fit as <see cref="SpecialFunctions.Erf"/> (absolute error below 1.2e-7), evaluated in
/// float lanes with <see cref="Vector256.Exp(Vector256{float})"/>; the tail that does not fill a vector uses the scalar fit.
/// </summary>
internal static class GeluKernel
{
    private const float InvSqrt2 = 0.70710678118654752f;
    private const float InvSqrt2Pi = 0.39894228040143268f;

    private static readonly float[] s_coefficients =
    [
        -1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
        0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f,
    ];

    /// <summary><c>y = x·Φ(x)</c>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
            (v * Cdf(v)).CopyTo(y.Slice(i, Vector256<float>.Count));
        }

        for (; i < x.Length; i++)
        {
            y[i] = x[i] * Cdf(x[i]);
        }
    }

    /// <summary><c>gx += gy·(Φ(x) + x·φ(x))</c>.</summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gx)
    {
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
            var pdf = Vector256.Exp(v * v * -0.5f) * InvSqrt2Pi;
            var g = Vector256.Create(gx.Slice(i, Vector256<float>.Count)) + (Vector256.Create(gy.Slice(i, Vector256<float>.Count)) * (Cdf(v) + (v * pdf)));
            g.CopyTo(gx.Slice(i, Vector256<float>.Count));
        }

        for (; i < x.Length; i++)
        {
            float pdf = MathF.Exp(-0.5f * x[i] * x[i]) * InvSqrt2Pi;
            gx[i] += gy[i] * (Cdf(x[i]) + (x[i] * pdf));
        }
    }

    /// <summary>Φ(x) = 1 − r/2 for x ≥ 0 and r/2 below, with r = erfc(|x|/√2) from the fit.</summary>
    private static Vector256<float> Cdf(Vector256<float> x)
    {
        var z = Vector256.Abs(x) * InvSqrt2;
        var t = Vector256<float>.One / (Vector256<float>.One + (z * 0.5f));
        var poly = Vector256.Create(s_coefficients[^1]);
        for (int k = s_coefficients.Length - 2; k >= 0; k--)
        {
            poly = (poly * t) + Vector256.Create(s_coefficients[k]);
        }

        var half = t * Vector256.Exp(poly - (z * z)) * 0.5f;
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.One - half, half);
    }

    private static float Cdf(float x) => (float)(0.5 * (1.0 + SpecialFunctions.Erf(x * 0.7071067811865476)));
}
