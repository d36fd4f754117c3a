using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// tanh: Cephes' odd polynomial <c>x + x³·P(x²)</c> below |x| = 0.625 (where <c>1 − 2/(e^{2x} + 1)</c> would cancel),
/// that formula above, saturating at ±1 (exp overflows to +∞ above |x| ≈ 44, where the formula gives 1).
/// </summary>
internal readonly struct TanhActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var z = x * x;
        var p = Fma(Fma(Fma(Fma(C(-5.70498872745e-3f), z, C(2.06390887954e-2f)), z, C(-5.37397155531e-2f)), z, C(1.33314422036e-1f)), z, C(-3.33332819422e-1f));
        var small = Fma(p * z, x, x);
        var large = Vector256<float>.One - (C(2f) / (VectorExp.Exp(a + a) + Vector256<float>.One));
        large = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -large, large);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, C(0.625f)), small, large);
    }

    public static Vector256<float> Derivative(Vector256<float> x)
    {
        var t = Value(x);
        return Vector256<float>.One - (t * t);
    }

    private static Vector256<float> C(float value) => Vector256.Create(value);

    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
}

/// <summary>SiLU <c>x·σ(x)</c>, derivative <c>σ(x)·(1 + x·(1 − σ(x)))</c>.</summary>
internal readonly struct SiluActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => x * Sigmoid(x);

    public static Vector256<float> Derivative(Vector256<float> x)
    {
        var s = Sigmoid(x);
        return s * (Vector256<float>.One + (x * (Vector256<float>.One - s)));
    }

    private static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + VectorExp.Exp(-x));
}

/// <summary>
/// Exact GELU <c>x·Φ(x)</c>, derivative <c>Φ(x) + x·φ(x)</c>. Φ comes from the complementary error function's Chebyshev
/// fit (Numerical Recipes <c>erfcc</c>, absolute error below 1.2e-7), evaluated in float lanes.
/// </summary>
internal readonly struct GeluActivation : IVectorActivation
{
    private const float InvSqrt2 = 0.70710678118654752f;
    private const float InvSqrt2Pi = 0.39894228040143268f;

    private static readonly float[] s_coefficients =
    [
        -1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
        0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f,
    ];

    public static Vector256<float> Value(Vector256<float> x) => x * Cdf(x);

    public static Vector256<float> Derivative(Vector256<float> x) => Cdf(x) + (x * VectorExp.Exp(x * x * -0.5f) * InvSqrt2Pi);

    /// <summary>Φ(x) = 1 − r/2 for x ≥ 0 and r/2 below, with r = erfc(|x|/√2) from the fit.</summary>
    private static Vector256<float> Cdf(Vector256<float> x)
    {
        var z = Vector256.Abs(x) * InvSqrt2;
        var t = Vector256<float>.One / (Vector256<float>.One + (z * 0.5f));
        var poly = Vector256.Create(s_coefficients[^1]);
        for (int k = s_coefficients.Length - 2; k >= 0; k--)
        {
            poly = Vector256.MultiplyAddEstimate(poly, t, Vector256.Create(s_coefficients[k]));
        }

        var half = t * VectorExp.Exp(poly - (z * z)) * 0.5f;
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.One - half, half);
    }
}
