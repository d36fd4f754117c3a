namespace Astrolabe.Nn;

/// <summary>The argument checks shared by the fake-quantisation operations and modules.</summary>
internal static class QuantArguments
{
    /// <summary>The widest integer range allowed: 16 bits, so every level and zero point is exact in float32.</summary>
    public const int MaxLevels = 1 << 16;

    /// <summary>
    /// Requires quantMin &lt; quantMax, both representable in a signed or unsigned 16-bit integer
    /// (−32,768 … 65,535) and at most 2¹⁶ levels between them.
    /// </summary>
    public static void Require(int quantMin, int quantMax)
    {
        if (quantMin >= quantMax)
        {
            throw new ArgumentException($"quantMin ({quantMin}) must be less than quantMax ({quantMax}).", nameof(quantMin));
        }

        if (quantMin < short.MinValue || quantMax > ushort.MaxValue)
        {
            throw new ArgumentException(
                $"The range [{quantMin}, {quantMax}] is not representable in a 16-bit integer (−32768 … 65535).", nameof(quantMin));
        }

        if ((long)quantMax - quantMin + 1 > MaxLevels)
        {
            throw new ArgumentException($"The range [{quantMin}, {quantMax}] is wider than 16 bits.", nameof(quantMax));
        }
    }

    /// <summary>Requires a finite, positive scale.</summary>
    public static void RequireScale(float scale, string parameter)
    {
        if (!float.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentException($"The scale must be finite and positive, got {scale}.", parameter);
        }
    }

    /// <summary>Requires quantMin ≤ zeroPoint ≤ quantMax.</summary>
    public static void RequireZeroPoint(int zeroPoint, int quantMin, int quantMax, string parameter)
    {
        if (zeroPoint < quantMin || zeroPoint > quantMax)
        {
            throw new ArgumentException($"The zero point {zeroPoint} is outside [{quantMin}, {quantMax}].", parameter);
        }
    }
}
