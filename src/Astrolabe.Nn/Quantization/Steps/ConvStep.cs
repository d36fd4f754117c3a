using System.Runtime.Intrinsics;
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
        // Several images per kernel call (about 4,096 patch rows), so a call's fixed costs are shared.
        int pixels = _outH * _outW, k = RowStride, n = Weights.N;
        int group = Math.Clamp((4096 + pixels - 1) / pixels, 1, Math.Max(1, rows));
        if (_patches.Length < (group * pixels * k) + WildCopySlack)
        {
            _patches = new byte[(group * pixels * k) + WildCopySlack];
            _sums = new int[_epilogue.SumsLength(group * pixels)];
        }

        for (int b = 0; b < rows; b += group)
        {
            int images = Math.Min(group, rows - b);
            for (int i = 0; i < images; i++)
            {
                Gather(input.Bytes.AsSpan((b + i) * InputSize, InputSize), i * pixels * k);
            }

            Int8Gemm.Multiply(_patches, images * pixels, RowStride, Weights.Packed, _sums, n);
            if (OutputQuantized)
            {
                _epilogue.ToBytes(_sums, images * pixels, output.Bytes.AsSpan(b * OutputSize, images * OutputSize));
            }
            else
            {
                _epilogue.ToFloats(_sums, images * pixels, output.Floats.AsSpan(b * OutputSize, images * OutputSize), pixels);
            }
        }
    }

    /// <summary>
    /// One image's patches: row (oy, ox) holds the kernel's taps in (ky, kx, c) order. In NHWC the taps of one kernel
    /// row inside the image are one run of kernel·C bytes; the loops go (oy, ky, ox) so the inner one copies those runs
    /// with constant strides. Taps outside the image take the zero point.
    /// </summary>
    private unsafe void Gather(ReadOnlySpan<byte> image, int offset)
    {
        var g = Geometry;
        int c = g.Channels, kernel = g.Kernel, k = RowStride, run = kernel * c, step = g.Stride * c;

        // Output columns whose whole window lies inside the image: [first, last).
        int first = Math.Min(_outW, (g.Padding + g.Stride - 1) / g.Stride);
        int last = Math.Max(first, Math.Min(_outW, ((g.Width + g.Padding - kernel) / g.Stride) + 1));
        byte pad = (byte)Input.ZeroPoint;
        fixed (byte* src = image, patchesStart = _patches)
        {
            byte* end = src + image.Length;
            for (int oy = 0; oy < _outH; oy++)
            {
                byte* rowBase = patchesStart + offset + ((long)oy * _outW * k);
                for (int ky = 0; ky < kernel; ky++)
                {
                    int iy = (oy * g.Stride) - g.Padding + ky;
                    byte* dst = rowBase + (ky * run);
                    if (iy < 0 || iy >= g.Height)
                    {
                        for (int ox = 0; ox < _outW; ox++)
                        {
                            new Span<byte>(dst + ((long)ox * k), run).Fill(pad);
                        }

                        continue;
                    }

                    byte* line = src + ((long)iy * g.Width * c);
                    byte* from = line + ((((long)first * g.Stride) - g.Padding) * c);
                    byte* to = dst + ((long)first * k);
                    for (int ox = first; ox < last; ox++, from += step, to += k)
                    {
                        Copy(from, to, run, end);
                    }

                    // The columns whose window crosses the image's edge: [0, first) and [last, outW), tap by tap.
                    for (int ox = 0; ox < _outW; ox++)
                    {
                        if (ox >= first && ox < last)
                        {
                            continue;
                        }

                        int x0 = (ox * g.Stride) - g.Padding;
                        for (int kx = 0; kx < kernel; kx++)
                        {
                            int ix = x0 + kx;
                            byte* tap = dst + ((long)ox * k) + (kx * c);
                            if (ix < 0 || ix >= g.Width)
                            {
                                new Span<byte>(tap, c).Fill(pad);
                            }
                            else
                            {
                                Copy(line + ((long)ix * c), tap, c, end);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Spare bytes at the end of the patch buffer, so a copy may write whole 16-byte blocks past its count.</summary>
    private const int WildCopySlack = 16;

    /// <summary>
    /// Bytes from one patch row to the next: the taps plus 15 spare bytes, so the whole-block copy of a row's last run
    /// spills into its own spare bytes, never into the next row's taps (which the (oy, ky, ox) loops wrote already).
    /// </summary>
    private int RowStride => Weights.K + 15;

    /// <summary>
    /// Copies <paramref name="count"/> bytes in whole 16-byte blocks, which may write up to 15 bytes past the count
    /// (into the same patch row's later taps, written after, or its spare bytes: see <see cref="RowStride"/>) and read
    /// past it where the source allows; byte by byte near the source's end.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void Copy(byte* from, byte* to, int count, byte* fromEnd)
    {
        if (count <= 16 && from + 16 <= fromEnd)
        {
            Vector128.Store(Vector128.Load(from), to);
        }
        else if (from + ((count + 15) & ~15) <= fromEnd)
        {
            for (int i = 0; i < count; i += 16)
            {
                Vector128.Store(Vector128.Load(from + i), to + i);
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                to[i] = from[i];
            }
        }
    }

    public override void Write(BinaryWriter writer)
    {
        QuantIo.WriteKernel(writer, Name, Weights, Input, Output, Relu);
        Geometry.Write(writer);
    }

    public static ConvStep Read(BinaryReader reader)
    {
        var (name, weights, input, output, relu) = QuantIo.ReadKernel(reader);
        return new ConvStep(weights, WindowGeometry.Read(reader, name), input, output, relu, name);
    }
}
