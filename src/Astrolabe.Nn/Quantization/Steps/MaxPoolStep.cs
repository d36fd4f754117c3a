using System.Runtime.Intrinsics;

namespace Astrolabe.Nn;

/// <summary>
/// Max pooling on NHWC bytes: exact, since quantisation is monotone (the max of the bytes is the byte of the max),
/// and it keeps the input's range. Channels run 16 at a time.
/// </summary>
internal sealed class MaxPoolStep(WindowGeometry geometry, string name) : QuantStep
{
    private readonly (int Height, int Width) _out = geometry.OutputSize(name);

    public WindowGeometry Geometry { get; } = geometry;

    public override Kind Tag => Kind.MaxPool;

    public override bool InputQuantized => true;

    public override bool OutputQuantized => true;

    public override int InputSize => Geometry.Channels * Geometry.Height * Geometry.Width;

    public override int OutputSize => Geometry.Channels * _out.Height * _out.Width;

    public override string Describe() => $"int8 max pool {Geometry.Kernel}×{Geometry.Kernel} ({name})";

    public override void Run(StepBuffers input, int rows, StepBuffers output)
    {
        var g = Geometry;
        int c = g.Channels;
        for (int b = 0; b < rows; b++)
        {
            var image = input.Bytes.AsSpan(b * InputSize, InputSize);
            var result = output.Bytes.AsSpan(b * OutputSize, OutputSize);
            for (int oy = 0; oy < _out.Height; oy++)
            {
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    var dst = result.Slice(((oy * _out.Width) + ox) * c, c);
                    dst.Clear();
                    for (int ky = 0; ky < g.Kernel; ky++)
                    {
                        int iy = (oy * g.Stride) - g.Padding + ky;
                        for (int kx = 0; kx < g.Kernel; kx++)
                        {
                            int ix = (ox * g.Stride) - g.Padding + kx;
                            if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width)
                            {
                                MaxInto(dst, image.Slice(((iy * g.Width) + ix) * c, c));
                            }
                        }
                    }
                }
            }
        }
    }

    private static void MaxInto(Span<byte> dst, ReadOnlySpan<byte> src)
    {
        int j = 0;
        for (; j <= dst.Length - 16; j += 16)
        {
            Vector128.Max(Vector128.Create(dst.Slice(j, 16)), Vector128.Create(src.Slice(j, 16))).CopyTo(dst.Slice(j, 16));
        }

        for (; j < dst.Length; j++)
        {
            dst[j] = Math.Max(dst[j], src[j]);
        }
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write(name);
        Geometry.Write(writer);
    }

    public static MaxPoolStep Read(BinaryReader reader)
    {
        string name = reader.ReadString();
        return new MaxPoolStep(WindowGeometry.Read(reader, name), name);
    }
}
