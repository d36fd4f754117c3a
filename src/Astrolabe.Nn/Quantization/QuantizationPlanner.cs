namespace Astrolabe.Nn;

/// <summary>
/// Decides how a <see cref="Sequential"/> runs quantised: each Linear/Conv2d (with a BatchNorm after it folded in and
/// a ReLU after that fused) becomes an int8 kernel; MaxPool2d runs on bytes when its input is quantised; Dropout and
/// Flatten vanish (a Flatten of NHWC bytes into a Linear permutes that Linear's weight columns instead of the data);
/// any other layer runs in fp32 between explicit dequantise and quantise steps. A kernel's output stays quantised
/// when the next compute layer is int8, else its epilogue writes fp32. A ReLU in fp32 right before an int8 layer
/// becomes the clamp of that layer's quantise step. The plan names the activations calibration
/// must observe: position −1 is the network's input, position i the output of layer i.
/// </summary>
internal static class QuantizationPlanner
{
    /// <summary>One planned step; <c>Observe</c> is the activation position whose range it needs.</summary>
    internal abstract record Op;

    internal sealed record QuantizeOp(int Observe, int[] Shape) : Op;

    internal sealed record DequantizeOp(int Observe, int[] Shape) : Op;

    internal sealed record KernelOp(int Layer, int? BatchNorm, bool Relu, int InputObserve, int? OutputObserve, int[] InputShape, int[]? FlattenedFrom) : Op;

    internal sealed record PoolOp(int Layer, int[] InputShape) : Op;

    internal sealed record FloatOp(int Layer, int[] InputShape, int[] OutputShape) : Op;

    /// <param name="layers">The network's layers.</param>
    /// <param name="shapes">One sample's shape at each position: <c>shapes[i + 1]</c> after layer i, <c>shapes[0]</c> the input.</param>
    /// <param name="requireFullInt8">Whether a layer without an int8 kernel is an error.</param>
    /// <param name="floatLayers">Linear/Conv2d layers to keep in fp32.</param>
    public static List<Op> Plan(IReadOnlyList<Module> layers, IReadOnlyList<int[]> shapes, bool requireFullInt8, IReadOnlyCollection<int> floatLayers)
    {
        foreach (int kept in floatLayers)
        {
            if (kept < 0 || kept >= layers.Count || layers[kept] is not (Linear or Conv2d))
            {
                throw new ArgumentException($"Layer {kept} cannot be kept in fp32: only Linear and Conv2d layers of the network (0–{layers.Count - 1}) choose a precision.");
            }
        }

        var ops = new List<Op>();
        bool quantized = false;
        int rangeAt = -1;
        int[]? flattenedFrom = null;
        for (int i = 0; i < layers.Count;)
        {
            var layer = layers[i];
            int[] input = shapes[i];
            switch (layer)
            {
                case Dropout:
                    i++;
                    break;
                case Flatten:
                    if (quantized && input.Length == 3)
                    {
                        if (NextCompute(layers, i + 1) is Linear && !floatLayers.Contains(NextComputeIndex(layers, i + 1)))
                        {
                            flattenedFrom = input;
                        }
                        else
                        {
                            ops.Add(new DequantizeOp(rangeAt, input));
                            quantized = false;
                        }
                    }

                    i++;
                    break;
                case Linear or Conv2d when !floatLayers.Contains(i):
                    if (!quantized)
                    {
                        ops.Add(new QuantizeOp(i - 1, input));
                        rangeAt = i - 1;
                    }

                    int j = i + 1;
                    int? norm = j < layers.Count && layers[j] is BatchNorm ? j++ : null;
                    bool relu = j < layers.Count && layers[j] is ReLU;
                    if (relu)
                    {
                        j++;
                    }

                    quantized = NextCompute(layers, j) is Linear or Conv2d or MaxPool2d && !floatLayers.Contains(NextComputeIndex(layers, j));
                    ops.Add(new KernelOp(i, norm, relu, rangeAt, quantized ? j - 1 : null, layer is Conv2d ? input : [Shapes.Numel(input)], flattenedFrom));
                    flattenedFrom = null;
                    rangeAt = j - 1;
                    i = j;
                    break;
                case ReLU when !quantized && NextCompute(layers, i + 1) is Linear or Conv2d && !floatLayers.Contains(NextComputeIndex(layers, i + 1)):
                    // The quantise step before that layer observes this ReLU's output (never negative), so its range
                    // has zero point 0 = its minimum and its clamp is this ReLU, exactly: the fp32 step is not needed.
                    i++;
                    break;
                case MaxPool2d when quantized:
                    ops.Add(new PoolOp(i, input)); // the bytes keep their range: the max of bytes is the byte of the max
                    i++;
                    break;
                default:
                    if (requireFullInt8 && !floatLayers.Contains(i))
                    {
                        throw new ArgumentException($"{layer.Name} has no int8 kernel, and full int8 was demanded; allow fp32 layers (RequireFullInt8 = false) to run it in fp32 between dequantise and quantise steps.");
                    }

                    if (quantized)
                    {
                        ops.Add(new DequantizeOp(rangeAt, input));
                        quantized = false;
                    }

                    ops.Add(new FloatOp(i, input, shapes[i + 1]));
                    i++;
                    break;
            }
        }

        if (quantized)
        {
            ops.Add(new DequantizeOp(rangeAt, shapes[^1]));
        }

        return ops;
    }

    /// <summary>The first layer from <paramref name="start"/> that is not Dropout or Flatten, or null at the end.</summary>
    private static Module? NextCompute(IReadOnlyList<Module> layers, int start)
    {
        int i = NextComputeIndex(layers, start);
        return i < layers.Count ? layers[i] : null;
    }

    /// <summary>The index of <see cref="NextCompute"/>'s layer (the layer count at the end).</summary>
    private static int NextComputeIndex(IReadOnlyList<Module> layers, int start)
    {
        int i = start;
        while (i < layers.Count && layers[i] is Dropout or Flatten)
        {
            i++;
        }

        return i;
    }

    /// <summary>The activation positions the plan needs ranges for.</summary>
    public static SortedSet<int> ObservedPositions(IEnumerable<Op> ops)
    {
        var set = new SortedSet<int>();
        foreach (var op in ops)
        {
            switch (op)
            {
                case QuantizeOp q:
                    set.Add(q.Observe);
                    break;
                case DequantizeOp d:
                    set.Add(d.Observe);
                    break;
                case KernelOp k:
                    set.Add(k.InputObserve);
                    if (k.OutputObserve is { } o)
                    {
                        set.Add(o);
                    }

                    break;
            }
        }

        return set;
    }
}
