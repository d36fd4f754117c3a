namespace Astrolabe.Nn;

/// <summary>fp32 → quantised bytes with one per-tensor range; images go from NCHW to NHWC on the way.</summary>
internal sealed class QuantizeStep(QuantRange range, int[] sampleShape) : QuantStep
{
    public QuantRange Range { get; } = range;

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

    public override void Write(BinaryWriter writer) => QuantIo.Write(writer, Range, sampleShape);

    public static QuantizeStep Read(BinaryReader reader)
    {
        var (range, shape) = QuantIo.ReadRangeAndShape(reader, "quantize step");
        return new QuantizeStep(range, shape);
    }
}
