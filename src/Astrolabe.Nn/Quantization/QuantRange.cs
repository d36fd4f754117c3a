namespace Astrolabe.Nn;

/// <summary>
/// An affine quantisation <c>q = clamp(round(x / Scale) + ZeroPoint, Min, Max)</c>, <c>x ≈ (q − ZeroPoint)·Scale</c>,
/// rounding half to even. Activations use an unsigned range [0, 2^bits − 1] with the zero point that puts real 0 on
/// an integer (so zero padding and ReLU are exact); weights a symmetric signed range [−(2^(bits−1) − 1), 2^(bits−1) − 1]
/// with zero point 0, so the int8 kernel never sees −128.
/// </summary>
/// <param name="Scale">The step between two quantised values; positive and finite.</param>
/// <param name="ZeroPoint">The quantised value of real 0, in [<paramref name="Min"/>, <paramref name="Max"/>].</param>
/// <param name="Min">The smallest quantised value.</param>
/// <param name="Max">The largest quantised value.</param>
internal readonly record struct QuantRange(float Scale, int ZeroPoint, int Min, int Max)
{
    /// <summary>
    /// The unsigned range of <paramref name="bits"/> bits that covers [<paramref name="min"/>, <paramref name="max"/>]
    /// extended to include 0 (PyTorch's <c>_calculate_qparams</c> for affine quantisation); a constant or empty range
    /// gets scale 1 instead of a division by zero.
    /// </summary>
    public static QuantRange Activation(float min, float max, int bits)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max))
        {
            throw new ArgumentException($"The observed range [{min}, {max}] is not finite: the calibration data or the network produce NaN or infinite values.");
        }

        int qmax = (1 << bits) - 1;
        float lo = Math.Min(min, 0f), hi = Math.Max(max, 0f);
        float scale = (hi - lo) / qmax;
        if (!(scale > float.Epsilon * 1024))
        {
            return new QuantRange(1f, 0, 0, qmax);
        }

        int zero = Math.Clamp((int)MathF.Round(-lo / scale, MidpointRounding.ToEven), 0, qmax);
        return new QuantRange(scale, zero, 0, qmax);
    }

    /// <summary>The symmetric signed range of <paramref name="bits"/> bits whose largest value is <paramref name="absMax"/> (scale 1 for an all-zero channel).</summary>
    public static QuantRange SymmetricWeight(float absMax, int bits)
    {
        int qmax = (1 << (bits - 1)) - 1;
        float scale = absMax / qmax;
        return new QuantRange(scale > 0 && float.IsFinite(scale) ? scale : 1f, 0, -qmax, qmax);
    }

    /// <summary>Checks a range read from a file or given by a caller.</summary>
    /// <param name="what">What the range belongs to, for the message.</param>
    public void Validate(string what)
    {
        if (!(Scale > 0) || !float.IsFinite(Scale))
        {
            throw new InvalidDataException($"{what}: scale {Scale} is not a positive finite number.");
        }

        if (Min >= Max || Min < -128 || Max > 255)
        {
            throw new InvalidDataException($"{what}: quantised range [{Min}, {Max}] does not fit 8 bits.");
        }

        if (ZeroPoint < Min || ZeroPoint > Max)
        {
            throw new InvalidDataException($"{what}: zero point {ZeroPoint} is outside [{Min}, {Max}].");
        }
    }

    /// <summary>Quantises one value.</summary>
    public int Quantize(float x) => Math.Clamp((int)MathF.Round(x / Scale, MidpointRounding.ToEven) + ZeroPoint, Min, Max);

    /// <summary>The real value of a quantised one.</summary>
    public float Dequantize(int q) => (q - ZeroPoint) * Scale;
}
