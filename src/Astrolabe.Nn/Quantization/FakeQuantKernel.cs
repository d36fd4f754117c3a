namespace Astrolabe.Nn;

/// <summary>
/// The element-wise arithmetic of PyTorch 1.13's CPU fake-quantisation kernels, float32 step by step:
/// <c>q = zero_point + nearbyint(x · (1/scale))</c> (the inverse rounded to float32 first, the sum in float32),
/// output <c>(clamp(q, quant_min, quant_max) − zero_point) · scale</c>, gradient <c>dy · (quant_min ≤ q ≤ quant_max)</c>.
/// </summary>
internal static class FakeQuantKernel
{
    /// <summary>2⁶³: PyTorch casts q to int64, which on x86 gives INT64_MIN for NaN and anything at or past ±2⁶³.</summary>
    private const float Int64Limit = 9.223372036854775808e18f;

    /// <summary>
    /// The integer level before clamping, as PyTorch computes it. A value its int64 cast cannot hold (NaN, ±∞,
    /// |q| ≥ 2⁶³) comes back as −∞, standing for INT64_MIN: it clamps to quant_min, whatever its sign, and is out of range.
    /// </summary>
    public static float Level(float x, float invScale, float zeroPoint)
    {
        float q = zeroPoint + MathF.Round(x * invScale, MidpointRounding.ToEven);
        return q >= -Int64Limit && q < Int64Limit ? q : float.NegativeInfinity;
    }

    /// <summary>y[i] = the fake-quantised x[i] (x and y may be the same span).</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, float scale, int zeroPoint, int quantMin, int quantMax)
    {
        float inv = 1f / scale, zp = zeroPoint, lo = quantMin, hi = quantMax;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = (Math.Clamp(Level(x[i], inv, zp), lo, hi) - zp) * scale;
        }
    }

    /// <summary>
    /// gx[i] (+)= gy[i] · mask[i], the mask 1 where the unclamped level is within [quantMin, quantMax]: a product, as
    /// PyTorch's <c>dY * mask</c>, so a masked negative gradient gives −0 and a masked NaN stays NaN.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gx, float scale, int zeroPoint, int quantMin, int quantMax, bool accumulate)
    {
        float inv = 1f / scale, zp = zeroPoint, lo = quantMin, hi = quantMax;
        for (int i = 0; i < x.Length; i++)
        {
            float q = Level(x[i], inv, zp);
            float g = gy[i] * (q >= lo && q <= hi ? 1f : 0f);
            gx[i] = accumulate ? gx[i] + g : g;
        }
    }
}
