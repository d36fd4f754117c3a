namespace Astrolabe.Nn;

/// <summary>
/// Post-training static quantisation: plans the network (<see cref="QuantizationPlanner"/>), runs the fp32 network
/// over the calibration rows to observe the activations the plan needs, then quantises each kernel's weights (after
/// folding its BatchNorm) and builds the steps.
/// </summary>
internal static class PostTrainingQuantizer
{
    private const int CalibrationBatch = 256;

    public static QuantizedNetwork Quantize(Sequential network, Tensor calibration, QuantizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(calibration);
        options.Validate();
        if (calibration.Rank < 2 || calibration.Dim(0) == 0)
        {
            throw new ArgumentException($"The calibration set must hold at least one sample [rows, ...sample shape]; got shape {Shapes.Format(calibration.ShapeSpan)}.", nameof(calibration));
        }

        foreach (float v in calibration.Data)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"The calibration set holds a non-finite value ({v}).", nameof(calibration));
            }
        }

        foreach (var (name, parameter) in network.NamedParameters())
        {
            if (Array.Exists(parameter.Data, v => !float.IsFinite(v)))
            {
                throw new ArgumentException($"Parameter {name} holds a value that is not finite (NaN or infinity); such a model cannot be quantised.", nameof(network));
            }
        }

        int[] sample = calibration.Shape[1..];
        network.Eval();
        var layers = network.Layers;
        var shapes = SampleShapes(layers, calibration, sample);
        var plan = QuantizationPlanner.Plan(layers, shapes, options.RequireFullInt8, options.FloatLayers);
        var ranges = Calibrate(layers, calibration, sample, QuantizationPlanner.ObservedPositions(plan), options);
        var steps = plan.Select(op => Build(op, layers, shapes, ranges, options)).ToArray();
        return QuantizedNetwork.Create(steps, sample, network);
    }

    /// <summary>One sample's shape before the first layer and after each (from one calibration row).</summary>
    private static List<int[]> SampleShapes(IReadOnlyList<Module> layers, Tensor calibration, int[] sample)
    {
        using var noGrad = GradMode.NoGrad();
        var x = new Tensor(calibration.Data.AsSpan(0, Shapes.Numel(sample)).ToArray(), [1, .. sample]);
        var shapes = new List<int[]> { sample };
        foreach (var layer in layers)
        {
            try
            {
                x = layer.Forward(x);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The network cannot take calibration samples of shape [{string.Join(", ", sample)}]: {e.Message}", nameof(calibration), e);
            }

            shapes.Add(x.Shape[1..]);
        }

        return shapes;
    }

    private static Dictionary<int, QuantRange> Calibrate(IReadOnlyList<Module> layers, Tensor calibration, int[] sample, SortedSet<int> positions, QuantizationOptions options)
    {
        var observers = positions.ToDictionary(p => p, _ => new ActivationObserver(options.Method, options.Percentile));
        int size = Shapes.Numel(sample), rows = calibration.Dim(0);
        using var noGrad = GradMode.NoGrad();
        for (int start = 0; start < rows; start += CalibrationBatch)
        {
            int n = Math.Min(CalibrationBatch, rows - start);
            var x = new Tensor(calibration.Data.AsSpan(start * size, n * size).ToArray(), [n, .. sample]);
            observers.GetValueOrDefault(-1)?.Observe(x.Data, "the network's input");
            for (int i = 0; i < layers.Count && i <= positions.Max; i++)
            {
                x = layers[i].Forward(x);
                observers.GetValueOrDefault(i)?.Observe(x.Data, $"the output of {layers[i].Name}");
            }
        }

        return observers.ToDictionary(o => o.Key, o => o.Value.Range(options.ActivationBits, o.Key < 0 ? "the network's input" : layers[o.Key].Name));
    }

    private static QuantStep Build(QuantizationPlanner.Op op, IReadOnlyList<Module> layers, List<int[]> shapes, Dictionary<int, QuantRange> ranges, QuantizationOptions options) => op switch
    {
        QuantizationPlanner.QuantizeOp q => new QuantizeStep(ranges[q.Observe], q.Shape),
        QuantizationPlanner.DequantizeOp d => new DequantizeStep(ranges[d.Observe], d.Shape),
        QuantizationPlanner.PoolOp p => PoolStep((MaxPool2d)layers[p.Layer], p.InputShape),
        QuantizationPlanner.FloatOp f => new FloatStep(layers[f.Layer], f.Layer, f.InputShape, f.OutputShape),
        QuantizationPlanner.KernelOp k => KernelStep(k, layers, ranges, options),
        _ => throw new InvalidOperationException($"Unknown plan step {op}."),
    };

    private static MaxPoolStep PoolStep(MaxPool2d pool, int[] input) =>
        new(new WindowGeometry(input[0], input[1], input[2], pool.KernelSize, pool.Stride, 0), pool.Name);

    private static QuantStep KernelStep(QuantizationPlanner.KernelOp op, IReadOnlyList<Module> layers, Dictionary<int, QuantRange> ranges, QuantizationOptions options)
    {
        var layer = layers[op.Layer];
        var norm = op.BatchNorm is { } b ? (BatchNorm)layers[b] : null;
        var input = ranges[op.InputObserve];
        QuantRange? output = op.OutputObserve is { } o ? ranges[o] : null;
        if (layer is Conv2d conv)
        {
            var (weights, bias) = Folded(conv.Weight, conv.Bias, norm);
            int outC = conv.Weight.Dim(0), inC = conv.Weight.Dim(1), kernel = conv.Weight.Dim(2);
            var reordered = ConvWeightsHwc(weights, outC, inC, kernel);
            var q = QuantizedWeights.Quantize(reordered, bias, outC, kernel * kernel * inC, options.WeightBits, conv.Name);
            var geometry = new WindowGeometry(op.InputShape[0], op.InputShape[1], op.InputShape[2], kernel, conv.Stride, conv.Padding);
            return new ConvStep(q, geometry, input, output, op.Relu, conv.Name);
        }

        var linear = (Linear)layer;
        var (w, bLinear) = Folded(linear.Weight, linear.Bias, norm);
        int outF = linear.Weight.Dim(0), inF = linear.Weight.Dim(1);
        if (op.FlattenedFrom is { } chw)
        {
            w = LinearColumnsHwc(w, outF, chw);
        }

        return new LinearStep(QuantizedWeights.Quantize(w, bLinear, outF, inF, options.WeightBits, linear.Name), input, output, op.Relu, linear.Name);
    }

    /// <summary>The weights [out, ...] and bias with an evaluation-mode BatchNorm on the outputs folded in.</summary>
    private static (float[] Weights, float[] Bias) Folded(Tensor weight, Tensor? bias, BatchNorm? norm)
    {
        int outputs = weight.Dim(0), per = weight.Length / outputs;
        var w = (float[])weight.Data.Clone();
        var b = bias is null ? new float[outputs] : (float[])bias.Data.Clone();
        if (norm is null)
        {
            return (w, b);
        }

        for (int o = 0; o < outputs; o++)
        {
            double scale = norm.Weight.Data[o] / Math.Sqrt(norm.RunningVar[o] + (double)norm.Eps);
            for (int p = 0; p < per; p++)
            {
                w[(o * per) + p] = (float)(w[(o * per) + p] * scale);
            }

            b[o] = (float)(((b[o] - norm.RunningMean[o]) * scale) + norm.Bias.Data[o]);
        }

        return (w, b);
    }

    /// <summary>Conv weights [out, in, k, k] reordered to [out, (ky, kx, in)], the order of NHWC patches.</summary>
    private static float[] ConvWeightsHwc(float[] w, int outC, int inC, int kernel)
    {
        var result = new float[w.Length];
        int k2 = kernel * kernel;
        for (int o = 0; o < outC; o++)
        {
            for (int c = 0; c < inC; c++)
            {
                for (int t = 0; t < k2; t++)
                {
                    result[(o * inC * k2) + (t * inC) + c] = w[(((o * inC) + c) * k2) + t];
                }
            }
        }

        return result;
    }

    /// <summary>A Linear's columns permuted from a CHW flatten to an HWC one (its input comes from NHWC bytes).</summary>
    private static float[] LinearColumnsHwc(float[] w, int outF, int[] chw)
    {
        int c = chw[0], plane = chw[1] * chw[2], inF = c * plane;
        var result = new float[w.Length];
        for (int o = 0; o < outF; o++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int p = 0; p < plane; p++)
                {
                    result[(o * inF) + (p * c) + ch] = w[(o * inF) + (ch * plane) + p];
                }
            }
        }

        return result;
    }
}
