namespace Astrolabe.Nn;

/// <summary>
/// Scale and zero point from an observed range, float32 step by step as PyTorch 1.13's
/// <c>ObserverBase._calculate_qparams</c>.
/// </summary>
internal static class QParams
{
    /// <summary>The smallest scale: float32 machine epsilon (2⁻²³), PyTorch's observer <c>eps</c>.</summary>
    public const float Eps = 1.1920929e-07f;

    /// <summary>
    /// Affine: the range widened to include 0, <c>scale = max((max − min) / (quantMax − quantMin), eps)</c>,
    /// <c>zeroPoint = clamp(quantMin − round(min / scale), quantMin, quantMax)</c> (true division, half to even).
    /// A never-observed range (min +∞, max −∞) gives scale 1, zero point 0.
    /// </summary>
    public static (float Scale, int ZeroPoint) Affine(float min, float max, int quantMin, int quantMax)
    {
        if (min == float.PositiveInfinity && max == float.NegativeInfinity)
        {
            return (1f, 0);
        }

        float minNeg = MathF.Min(min, 0f), maxPos = MathF.Max(max, 0f);
        float scale = MathF.Max((maxPos - minNeg) / (quantMax - quantMin), Eps);
        int zeroPoint = quantMin - (int)MathF.Round(minNeg / scale, MidpointRounding.ToEven);
        return (scale, Math.Clamp(zeroPoint, quantMin, quantMax));
    }

    /// <summary>
    /// Symmetric (signed range): <c>scale = max(max(−min, max) / ((quantMax − quantMin) / 2), eps)</c> with the range
    /// widened to include 0, zero point 0. A never-observed range gives scale 1.
    /// </summary>
    public static (float Scale, int ZeroPoint) Symmetric(float min, float max, int quantMin, int quantMax)
    {
        if (min == float.PositiveInfinity && max == float.NegativeInfinity)
        {
            return (1f, 0);
        }

        float bound = MathF.Max(-MathF.Min(min, 0f), MathF.Max(max, 0f));
        return (MathF.Max(bound / ((quantMax - quantMin) / 2f), Eps), 0);
    }
}
