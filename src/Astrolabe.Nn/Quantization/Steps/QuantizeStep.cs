using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn;

/// <summary>fp32 → quantised bytes with one per-tensor range; images go from NCHW to NHWC on the way.</summary>
internal sealed class QuantizeStep(QuantRange range, int[] sampleShape) : QuantStep
{
    public QuantRange Range { get; } = range;

    /// <summary>One sample's shape, as the fp32 input holds it (an image is [C, H, W]).</summary>
    public IReadOnlyList<int> SampleShape => sampleShape;

    public override Kind Tag => Kind.Quantize;

    public override bool InputQuantized => false;

    public override bool OutputQuantized => true;

    public override int InputSize => Shapes.Numel(sampleShape);

    public override int OutputSize => InputSize;

    public override string Describe() => $"quantize [{string.Join(", ", sampleShape)}] (scale {Range.Scale:G4}, zero point {Range.ZeroPoint})";

    public override void Run(StepBuffers input, int rows, StepBuffers output)
    {
        var src = input.Floats;
        var dst = output.Bytes;
        float inverse = 1f / Range.Scale;
        int size = InputSize, zero = Range.ZeroPoint, lo = Range.Min, hi = Range.Max;
        int channels = sampleShape.Length == 3 ? sampleShape[0] : 1, plane = size / channels;
        if (channels == 1)
        {
            QuantizeFlat(src.AsSpan(0, rows * size), dst, inverse, zero, lo, hi, Vector512.IsHardwareAccelerated);
            return;
        }

        for (int b = 0; b < rows; b++)
        {
            int baseIndex = b * size;
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < plane; p++)
                {
                    int q = (int)MathF.Round(src[baseIndex + (c * plane) + p] * inverse, MidpointRounding.ToEven) + zero;
                    dst[baseIndex + (p * channels) + c] = (byte)Math.Clamp(q, lo, hi);
                }
            }
        }
    }

    /// <summary>The same rounding as the scalar loop (x·(1/scale), half to even), eight values at a time.</summary>
    internal static void QuantizeFlat(ReadOnlySpan<float> src, Span<byte> dst, float inverse, int zero, int lo, int hi, bool wide)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        var scale = Vector256.Create(inverse);
        var z = Vector256.Create(zero);
        var low = Vector256.Create(lo);
        var high = Vector256.Create(hi);
        int i = 0;
        if (wide)
        {
            var scale16 = Vector512.Create(inverse);
            var z16 = Vector512.Create(zero);
            var low16 = Vector512.Create(lo);
            var high16 = Vector512.Create(hi);
            for (; i <= src.Length - 16; i += 16)
            {
                var q = Vector512.ConvertToInt32(Vector512.Round(Vector512.LoadUnsafe(ref s, (nuint)i) * scale16)) + z16;
                q = Vector512.Min(Vector512.Max(q, low16), high16);
                var shorts = Vector512.Narrow(q, q);
                Vector512.Narrow(shorts, shorts).AsByte().GetLower().GetLower().StoreUnsafe(ref Unsafe.Add(ref d, i));
            }
        }

        for (; i <= src.Length - 8; i += 8)
        {
            var q = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref s, (nuint)i) * scale)) + z;
            q = Vector256.Min(Vector256.Max(q, low), high);
            var shorts = Vector256.Narrow(q, q);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), Vector256.Narrow(shorts, shorts).AsUInt64().ToScalar());
        }

        for (; i < src.Length; i++)
        {
            Unsafe.Add(ref d, i) = (byte)Math.Clamp((int)MathF.Round(Unsafe.Add(ref s, i) * inverse, MidpointRounding.ToEven) + zero, lo, hi);
        }
    }

    public override void Write(BinaryWriter writer) => QuantIo.Write(writer, Range, sampleShape);

    public static QuantizeStep Read(BinaryReader reader)
    {
        var (range, shape) = QuantIo.ReadRangeAndShape(reader, "quantize step");
        return new QuantizeStep(range, shape);
    }
}
