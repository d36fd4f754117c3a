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

    public override unsafe void Run(StepBuffers input, int rows, StepBuffers output)
    {
        var g = Geometry;
        int c = g.Channels, outH = _out.Height, outW = _out.Width;
        var taps = stackalloc long[g.Kernel * g.Kernel];
        fixed (byte* inputs = input.Bytes, outputs = output.Bytes)
        {
            for (int b = 0; b < rows; b++)
            {
                byte* image = inputs + ((long)b * InputSize);
                byte* result = outputs + ((long)b * OutputSize);
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++)
                    {
                        int count = 0;
                        for (int ky = 0; ky < g.Kernel; ky++)
                        {
                            int iy = (oy * g.Stride) - g.Padding + ky;
                            for (int kx = 0; kx < g.Kernel; kx++)
                            {
                                int ix = (ox * g.Stride) - g.Padding + kx;
                                if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width)
                                {
                                    taps[count++] = (((long)iy * g.Width) + ix) * c;
                                }
                            }
                        }

                        MaxOf(image, taps, count, result + ((((long)oy * outW) + ox) * c), c);
                    }
                }
            }
        }
    }

    /// <summary>
    /// dst[j] = max over the taps of image[tap + j]: 16 channels at a time, the last block overlapping the one before
    /// (max is idempotent, and it reads only the taps), byte by byte below 16 channels.
    /// </summary>
    private static unsafe void MaxOf(byte* image, long* taps, int count, byte* dst, int channels)
    {
        if (channels < 16)
        {
            for (int j = 0; j < channels; j++)
            {
                byte m = 0;
                for (int t = 0; t < count; t++)
                {
                    m = Math.Max(m, image[taps[t] + j]);
                }

                dst[j] = m;
            }

            return;
        }

        for (int j = 0; ; j += 16)
        {
            j = Math.Min(j, channels - 16);
            var m = Vector128.Load(image + taps[0] + j);
            for (int t = 1; t < count; t++)
            {
                m = Vector128.Max(m, Vector128.Load(image + taps[t] + j));
            }

            Vector128.Store(m, dst + j);
            if (j == channels - 16)
            {
                return;
            }
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
