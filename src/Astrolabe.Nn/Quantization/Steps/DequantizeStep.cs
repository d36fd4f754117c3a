namespace Astrolabe.Nn;

/// <summary>Quantised bytes → fp32 with one per-tensor range; images go from NHWC back to NCHW.</summary>
internal sealed class DequantizeStep(QuantRange range, int[] sampleShape) : QuantStep
{
    /// <summary>The range of the bytes read.</summary>
    public QuantRange Range => range;

    /// <summary>One sample's shape, as the fp32 output holds it (an image is [C, H, W]).</summary>
    public IReadOnlyList<int> SampleShape => sampleShape;

    public override Kind Tag => Kind.Dequantize;

    public override bool InputQuantized => true;

    public override bool OutputQuantized => false;

    public override int InputSize => Shapes.Numel(sampleShape);

    public override int OutputSize => InputSize;

    public override string Describe() => $"dequantize [{string.Join(", ", sampleShape)}]";

    public override void Run(StepBuffers input, int rows, StepBuffers output)
    {
        var src = input.Bytes;
        var dst = output.Floats;
        int size = InputSize;
        int channels = sampleShape.Length == 3 ? sampleShape[0] : 1, plane = size / channels;
        for (int b = 0; b < rows; b++)
        {
            int baseIndex = b * size;
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < plane; p++)
                {
                    dst[baseIndex + (c * plane) + p] = range.Dequantize(src[baseIndex + (p * channels) + c]);
                }
            }
        }
    }

    public override void Write(BinaryWriter writer) => QuantIo.Write(writer, range, sampleShape);

    public static DequantizeStep Read(BinaryReader reader)
    {
        var (range, shape) = QuantIo.ReadRangeAndShape(reader, "dequantize step");
        return new DequantizeStep(range, shape);
    }
}
