using Astrolabe.Nn;

namespace Astrolabe.Onnx;

/// <summary>
/// The int8 network of a model (<see cref="QuantizedNetwork"/>) as a QDQ graph: each quantised activation is a
/// QuantizeLinear → DequantizeLinear pair (uint8, per tensor, the network's ranges), each int8 weight an int8
/// initializer read through a per-output-channel DequantizeLinear (axis 0), and the layers between them the float
/// operators of the fp32 export (Conv, Gemm, Relu, MaxPool, and the fp32 layers as <see cref="LayerExporters"/> writes
/// them). The steps are written in order in ONNX's float NCHW semantics (the network's NHWC bytes are an internal
/// layout: convolution weights are reordered from (ky, kx, c) back to [out, c, ky, kx], and a dense layer reading a
/// flattened quantised image gets its columns back in CHW order). Runtimes fuse the pairs into integer kernels
/// (QLinearConv, QLinearMatMul …); the values agree with <see cref="QuantizedNetwork.Forward(ReadOnlySpan{float}, Span{float})"/>
/// up to rounding ties of the requantisation.
/// </summary>
internal static class QuantizedExport
{
    /// <summary>The oldest opset with per-axis DequantizeLinear, which the int8 weights need.</summary>
    public const int MinOpset = 13;

    /// <summary>Writes the network's steps after <paramref name="input"/>, the preprocessed input [N, ...<paramref name="sampleShape"/>].</summary>
    /// <param name="network">The int8 network.</param>
    /// <param name="graph">The graph.</param>
    /// <param name="sampleShape">One input sample's shape.</param>
    /// <param name="input">The preprocessed input.</param>
    /// <returns>The network's fp32 output [N, outputs].</returns>
    /// <exception cref="NotSupportedException">A step this export does not know, or an fp32 layer with no ONNX form.</exception>
    public static string Write(QuantizedNetwork network, GraphBuilder graph, IReadOnlyList<int> sampleShape, string input)
    {
        var steps = network.StepList;
        string x = input;
        int[] shape = [.. sampleShape];
        for (int i = 0; i < steps.Count; i++)
        {
            var at = new LayerSite(graph, $"step{i}");
            switch (steps[i])
            {
                case QuantizeStep q:
                    (x, shape) = Conform(at, x, shape, q.SampleShape);
                    x = QuantizeDequantize(at, x, q.Range);
                    break;
                case DequantizeStep d:
                    (x, shape) = Conform(at, x, shape, d.SampleShape); // the values are dequantised already
                    break;
                case ConvStep conv:
                    x = Conv(at, x, conv);
                    shape = ConvOutputShape(conv);
                    break;
                case MaxPoolStep pool:
                    x = MaxPool(at, x, pool.Geometry);
                    var (h, w) = pool.Geometry.OutputSize("max pool");
                    shape = [pool.Geometry.Channels, h, w];
                    break;
                case LinearStep linear:
                    x = Linear(at, x, shape, linear);
                    shape = [linear.Weights.N];
                    break;
                case FloatStep f:
                    (x, shape) = Conform(at, x, shape, f.InputShape);
                    x = LayerExporters.Export(f.Layer, at with { Prefix = $"layer{f.LayerIndex}" }, x);
                    shape = [.. f.OutputShape];
                    break;
                default:
                    throw new NotSupportedException($"Quantised step {i} ({steps[i].Describe()}) has no ONNX export.");
            }
        }

        return x;
    }

    /// <summary>
    /// The value reshaped to the sample shape the next step reads: only flattening occurs (a network's Flatten layer
    /// is not a step of its own), written as Flatten(axis = 1).
    /// </summary>
    private static (string Value, int[] Shape) Conform(LayerSite at, string x, int[] shape, IReadOnlyList<int> wanted)
    {
        if (shape.SequenceEqual(wanted))
        {
            return (x, shape);
        }

        int numel = shape.Aggregate(1, (a, b) => a * b);
        if (wanted.Count != 1 || wanted[0] != numel)
        {
            throw new NotSupportedException($"{at.Prefix}: a quantised step reads samples of shape [{string.Join(", ", wanted)}] after [{string.Join(", ", shape)}].");
        }

        return (at.Graph.Node("Flatten", at.Name("flatten"), [x], GraphBuilder.Attribute("axis", 1L)), [numel]);
    }

    /// <summary>
    /// x → QuantizeLinear → DequantizeLinear with the range's scale and uint8 zero point. QuantizeLinear saturates to
    /// [0, 255]; a narrower range (fewer activation bits) is clipped first, in float, to the real values of its ends,
    /// which quantise to exactly those ends.
    /// </summary>
    private static string QuantizeDequantize(LayerSite at, string x, QuantRange range)
    {
        var g = at.Graph;
        if (range.Min < 0 || range.Max > 255)
        {
            throw new NotSupportedException($"{at.Prefix}: activation range [{range.Min}, {range.Max}] is not unsigned 8-bit.");
        }

        if (range.Min > 0 || range.Max < 255)
        {
            x = g.Node("Clip", at.Name("clip"), [x, g.Initializer(at.Name("clip_min"), [range.Dequantize(range.Min)]), g.Initializer(at.Name("clip_max"), [range.Dequantize(range.Max)])]);
        }

        string scale = g.Initializer(at.Name("scale"), [range.Scale]);
        string zero = g.UInt8Initializer(at.Name("zero_point"), [(byte)range.ZeroPoint]);
        string q = g.Node("QuantizeLinear", at.Name("quantize"), [x, scale, zero]);
        return g.Node("DequantizeLinear", at.Name("dequantize"), [q, scale, zero]);
    }

    /// <summary>The int8 weights [N, ...] read through DequantizeLinear per output channel (axis 0, zero points 0).</summary>
    private static string Weights(LayerSite at, sbyte[] values, float[] scales, int[] dims)
    {
        var g = at.Graph;
        if (g.Opset < MinOpset)
        {
            throw new ArgumentException($"{at.Prefix}: int8 weights need ONNX opset {MinOpset} or later (per-axis DequantizeLinear); the export was asked for opset {g.Opset}.");
        }

        string w = g.Int8Initializer(at.Name("weight_quantized"), values, dims);
        string scale = g.Initializer(at.Name("weight_scale"), scales, scales.Length);
        string zero = g.Int8Initializer(at.Name("weight_zero_point"), new sbyte[scales.Length], scales.Length);
        return g.Node("DequantizeLinear", at.Name("weight"), [w, scale, zero], GraphBuilder.Attribute("axis", 0L));
    }

    /// <summary>The optional fused ReLU, then the output's quantisation (none when the next step reads fp32).</summary>
    private static string Epilogue(LayerSite at, string y, bool relu, QuantRange? output)
    {
        if (relu)
        {
            y = at.Graph.Node("Relu", at.Name("relu"), [y]);
        }

        return output is { } range ? QuantizeDequantize(at, y, range) : y;
    }

    /// <summary>Conv with the weights reordered from (ky, kx, c) columns to ONNX's [out, c, ky, kx].</summary>
    private static string Conv(LayerSite at, string x, ConvStep step)
    {
        var g = step.Geometry;
        var q = step.Weights;
        int k = g.Kernel, c = g.Channels;
        var values = new sbyte[q.Values.Length];
        for (int o = 0; o < q.N; o++)
        {
            for (int ky = 0; ky < k; ky++)
            {
                for (int kx = 0; kx < k; kx++)
                {
                    for (int ch = 0; ch < c; ch++)
                    {
                        values[(o * q.K) + (((ch * k) + ky) * k) + kx] = q.Values[(o * q.K) + (((ky * k) + kx) * c) + ch];
                    }
                }
            }
        }

        string w = Weights(at, values, q.Scales, [q.N, c, k, k]);
        string bias = at.Graph.Initializer(at.Name("bias"), q.Bias, q.N);
        long p = g.Padding, s = g.Stride;
        string y = at.Graph.Node("Conv", at.Name("conv"), [x, w, bias],
            GraphBuilder.Attribute("kernel_shape", k, k),
            GraphBuilder.Attribute("pads", p, p, p, p),
            GraphBuilder.Attribute("strides", s, s));
        return Epilogue(at, y, step.Relu, step.Output);
    }

    private static int[] ConvOutputShape(ConvStep step)
    {
        var (h, w) = step.Geometry.OutputSize("conv");
        return [step.Weights.N, h, w];
    }

    /// <summary>MaxPool on the dequantised values: exact, since quantisation is monotone; padding never wins the max.</summary>
    private static string MaxPool(LayerSite at, string x, WindowGeometry g)
    {
        long k = g.Kernel, s = g.Stride, p = g.Padding;
        return at.Graph.Node("MaxPool", at.Name("maxpool"), [x],
            GraphBuilder.Attribute("kernel_shape", k, k),
            GraphBuilder.Attribute("pads", p, p, p, p),
            GraphBuilder.Attribute("strides", s, s));
    }

    /// <summary>
    /// Gemm with transB = 1 on the [N, K] weights. After a quantised image [C, H, W] the network's columns follow its
    /// NHWC bytes (column p·C + c for pixel p, channel c); the graph flattens NCHW (c·H·W + p), so the columns are
    /// put back in that order.
    /// </summary>
    private static string Linear(LayerSite at, string x, int[] shape, LinearStep step)
    {
        var q = step.Weights;
        var values = q.Values;
        if (shape.Length == 3)
        {
            int c = shape[0], plane = shape[1] * shape[2];
            if (c * plane != q.K)
            {
                throw new NotSupportedException($"{at.Prefix}: a dense layer of {q.K} inputs reads an image of [{string.Join(", ", shape)}].");
            }

            x = at.Graph.Node("Flatten", at.Name("flatten"), [x], GraphBuilder.Attribute("axis", 1L));
            values = new sbyte[q.Values.Length];
            for (int o = 0; o < q.N; o++)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    for (int p = 0; p < plane; p++)
                    {
                        values[(o * q.K) + (ch * plane) + p] = q.Values[(o * q.K) + (p * c) + ch];
                    }
                }
            }
        }

        string w = Weights(at, values, q.Scales, [q.N, q.K]);
        string bias = at.Graph.Initializer(at.Name("bias"), q.Bias, q.N);
        string y = at.Graph.Node("Gemm", at.Name("gemm"), [x, w, bias], GraphBuilder.Attribute("transB", 1L));
        return Epilogue(at, y, step.Relu, step.Output);
    }
}
