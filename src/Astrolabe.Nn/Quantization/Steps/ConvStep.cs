using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// An int8 2-D convolution (BatchNorm folded in, ReLU fused) on NHWC bytes, one image at a time: the image's patches
/// are gathered into rows of <c>kh·kw·C</c> bytes (out-of-image taps take the input's zero point, i.e. real 0), the
/// int8 kernel multiplies them by the weights reordered to (ky, kx, c), and the epilogue writes NHWC bytes or NCHW fp32.
/// </summary>
internal sealed class ConvStep : QuantStep
{
    private readonly Requantizer _epilogue;
    private readonly int _outH;
    private readonly int _outW;
    private byte[] _patches = [];
    private int[] _sums = [];

    // weights: [out channels, kernel·kernel·C] in (ky, kx, c) order; geometry: the input [C, H, W], kernel, stride, padding.
    public ConvStep(QuantizedWeights weights, WindowGeometry geometry, QuantRange input, QuantRange? output, bool relu, string name)
    {
        if (weights.K != geometry.Kernel * geometry.Kernel * geometry.Channels)
        {
            throw new InvalidDataException($"{name}: {weights.K} weights per channel do not fit a {geometry.Kernel}×{geometry.Kernel} kernel over {geometry.Channels} channels.");
        }

        Weights = weights;
        Geometry = geometry;
        Input = input;
        Output = output;
        Relu = relu;
        Name = name;
        (_outH, _outW) = geometry.OutputSize(name);
        _epilogue = new Requantizer(weights, input, output, relu);
    }

    public QuantizedWeights Weights { get; }

    public WindowGeometry Geometry { get; }

    public QuantRange Input { get; }

    public QuantRange? Output { get; }

    public bool Relu { get; }

    public string Name { get; }

    public override Kind Tag => Kind.Conv;

    public override bool InputQuantized => true;

    public override bool OutputQuantized => Output is not null;

    public override int InputSize => Geometry.Channels * Geometry.Height * Geometry.Width;

    public override int OutputSize => Weights.N * _outH * _outW;

    public override long ParameterBytes => Weights.Bytes;

    public override bool IsInt8Kernel => true;

    public override string Describe() =>
        $"int8 conv {Geometry.Channels}→{Weights.N} {Geometry.Kernel}×{Geometry.Kernel}{(Relu ? " + ReLU" : "")} → {(OutputQuantized ? "int8" : "fp32")} ({Name})";

    public override void Run(StepBuffers input, int rows, StepBuffers output)
    {
        int pixels = _outH * _outW, k = Weights.K, n = Weights.N;
        if (_patches.Length < pixels * k)
        {
            _patches = new byte[pixels * k];
            _sums = new int[pixels * n];
        }

        for (int b = 0; b < rows; b++)
        {
            Gather(input.Bytes.AsSpan(b * InputSize, InputSize));
            Int8Gemm.Multiply(_patches, pixels, k, Weights.Packed, _sums, n);
            if (OutputQuantized)
            {
                _epilogue.ToBytes(_sums, pixels, output.Bytes.AsSpan(b * OutputSize, OutputSize));
            }
            else
            {
                _epilogue.ToFloats(_sums, pixels, output.Floats.AsSpan(b * OutputSize, OutputSize), pixels);
            }
        }
    }

    /// <summary>One image's patches: row (oy, ox) holds the kernel's taps in (ky, kx, c) order.</summary>
    private void Gather(ReadOnlySpan<byte> image)
    {
        var g = Geometry;
        int c = g.Channels, kernel = g.Kernel, k = Weights.K;
        byte pad = (byte)Input.ZeroPoint;
        for (int oy = 0; oy < _outH; oy++)
        {
            for (int ox = 0; ox < _outW; ox++)
            {
                var row = _patches.AsSpan(((oy * _outW) + ox) * k, k);
                for (int ky = 0; ky < kernel; ky++)
                {
                    int iy = (oy * g.Stride) - g.Padding + ky;
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        int ix = (ox * g.Stride) - g.Padding + kx;
                        var tap = row.Slice(((ky * kernel) + kx) * c, c);
                        if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width)
                        {
                            tap.Fill(pad);
                        }
                        else
                        {
                            image.Slice(((iy * g.Width) + ix) * c, c).CopyTo(tap);
                        }
                    }
                }
            }
        }
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write(Name);
        Weights.Write(writer);
        Geometry.Write(writer);
        QuantIo.Write(writer, Input);
        writer.Write(Output is not null);
        if (Output is { } o)
        {
            QuantIo.Write(writer, o);
        }

        writer.Write(Relu);
    }

    public static ConvStep Read(BinaryReader reader)
    {
        string name = reader.ReadString();
        var weights = QuantizedWeights.Read(reader, name);
        var geometry = WindowGeometry.Read(reader, name);
        var input = QuantIo.ReadRange(reader, name + " input");
        QuantRange? output = reader.ReadBoolean() ? QuantIo.ReadRange(reader, name + " output") : null;
        return new ConvStep(weights, geometry, input, output, reader.ReadBoolean(), name);
    }
}
