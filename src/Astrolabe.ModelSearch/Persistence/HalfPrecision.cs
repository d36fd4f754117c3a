namespace Astrolabe.ModelSearch;

/// <summary>
/// fp32 ↔ 16-bit conversions of stored weights, both rounding to the nearest value, ties to even: bfloat16 keeps the
/// upper half of the fp32 bits (NaN stays NaN), IEEE half uses .NET's <see cref="Half"/>. A finite weight that a
/// format cannot hold (|w| &gt; 65,504 in half, or rounding past bfloat16's largest) is an error, not a silent infinity.
/// </summary>
internal static class HalfPrecision
{
    public static ushort ToBits(float value, ModelPrecision precision, string name)
    {
        if (precision == ModelPrecision.Bf16)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            if (float.IsNaN(value))
            {
                return (ushort)((bits >> 16) | 0x40);
            }

            var rounded = (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
            if (float.IsFinite(value) && !float.IsFinite(FromBits(rounded, precision)))
            {
                throw new ArgumentException($"{name} holds {value}, which rounds beyond bfloat16's largest value; store the model as fp32 instead.");
            }

            return rounded;
        }

        var half = (Half)value;
        if (Half.IsInfinity(half) && float.IsFinite(value))
        {
            throw new ArgumentException($"{name} holds {value}, beyond float16's largest value 65,504; store the model as bfloat16 or fp32 instead.");
        }

        return BitConverter.HalfToUInt16Bits(half);
    }

    public static float FromBits(ushort bits, ModelPrecision precision) =>
        precision == ModelPrecision.Bf16 ? BitConverter.UInt32BitsToSingle((uint)bits << 16) : (float)BitConverter.UInt16BitsToHalf(bits);

    /// <summary>The value as the precision stores it.</summary>
    public static float Round(float value, ModelPrecision precision, string name) => FromBits(ToBits(value, precision, name), precision);
}
