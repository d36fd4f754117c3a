using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// e^x in float lanes: Cephes' <c>expf</c> (range reduction by n·ln 2 in two parts, a degree-5 polynomial, the power
/// of two built in the exponent bits), within 2 ulp. .NET's <c>Vector256.Exp</c> of floats widens every lane to
/// double and back, which made SiLU's forward pass cost a sixth of a small CNN's step. Above 88.72 the result is +∞,
/// below −87.34 (where e^x would be subnormal) it is 0, and NaN stays NaN.
/// </summary>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float MaxX = 88.7228391f;
    private const float MinX = -87.3365447f;

    public static Vector256<float> Exp(Vector256<float> x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(MinX)), Vector256.Create(MaxX));
        var n = Vector256.Round(clamped * Log2E);
        var r = Fma(n, C(-Ln2Lo), Fma(n, C(-Ln2Hi), clamped));
        var z = r * r;
        var p = Fma(Fma(Fma(Fma(Fma(C(1.9875691500e-4f), r, C(1.3981999507e-3f)), r, C(8.3334519073e-3f)), r,
            C(4.1665795894e-2f)), r, C(1.6666665459e-1f)), r, C(5.0000001201e-1f));
        var y = Fma(p, z, r) + Vector256<float>.One;
        // 2^n: n + 127 in the exponent field (n is in [−126, 128]: 2^128 is split as 2^127 · 2).
        var ni = Vector256.ConvertToInt32(n);
        var half = Vector256.ShiftRightArithmetic(ni, 1);
        var scaleA = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var scaleB = Vector256.ShiftLeft(ni - half + Vector256.Create(127), 23).AsSingle();
        var result = y * scaleA * scaleB;
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(MaxX)), Vector256.Create(float.PositiveInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(MinX)), Vector256<float>.Zero, result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    private static Vector256<float> C(float value) => Vector256.Create(value);

    /// <summary>a·b + c, fused where the hardware has FMA.</summary>
    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
}
