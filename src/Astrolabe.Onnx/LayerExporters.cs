using Astrolabe.Nn;

namespace Astrolabe.Onnx;

/// <summary>
/// The ONNX form of every layer type a model can hold, keyed by the layer's type: dense and convolution layers,
/// pooling, normalisation (evaluation form: running statistics), flattening and dropout (nothing at inference), and
/// the activations of <see cref="ActivationExporters"/>. A layer sequence is written layer after layer.
/// </summary>
internal static class LayerExporters
{
    private static readonly Dictionary<Type, LayerExport> s_table = new()
    {
        [typeof(Sequential)] = Sequence,
        [typeof(Linear)] = Gemm,
        [typeof(Conv2d)] = Conv,
        [typeof(MaxPool2d)] = (l, at, x) => Pool("MaxPool", ((MaxPool2d)l).KernelSize, ((MaxPool2d)l).Stride, at, x),
        [typeof(AvgPool2d)] = (l, at, x) => Pool("AveragePool", ((AvgPool2d)l).KernelSize, ((AvgPool2d)l).Stride, at, x),
        [typeof(BatchNorm)] = BatchNormalization,
        [typeof(LayerNorm)] = LayerNormalization,
        [typeof(Flatten)] = (_, at, x) => at.Graph.Node("Flatten", at.Name("flatten"), [x], GraphBuilder.Attribute("axis", 1L)),
        [typeof(Dropout)] = (_, _, x) => x,
    };

    /// <summary>Writes <paramref name="layer"/>.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="at">Its place.</param>
    /// <param name="input">What it reads.</param>
    /// <returns>What it outputs.</returns>
    /// <exception cref="NotSupportedException">A layer type with no ONNX form here; the message names the layer.</exception>
    /// <exception cref="ArgumentException">A layer the chosen opset cannot express; the message names the layer and the opset it needs.</exception>
    public static string Export(Module layer, LayerSite at, string input)
    {
        var type = layer.GetType();
        var export = s_table.GetValueOrDefault(type) ?? ActivationExporters.Find(type)
            ?? throw new NotSupportedException($"{layer.Name}: {type.Name} layers have no ONNX export.");
        return export(layer, at, input);
    }

    private static string Sequence(Module layer, LayerSite at, string input)
    {
        string x = input;
        foreach (var (child, i) in ((Sequential)layer).Layers.Select((l, i) => (l, i)))
        {
            x = Export(child, at with { Prefix = at.Prefix.Length == 0 ? $"layer{i}" : $"{at.Prefix}_{i}" }, x);
        }

        return x;
    }

    /// <summary>y = x·Wᵀ + b as Gemm with transB = 1, so the [out, in] weight is stored as it is.</summary>
    private static string Gemm(Module layer, LayerSite at, string input)
    {
        var linear = (Linear)layer;
        string w = at.Graph.Initializer(at.Name("weight"), linear.Weight.Data, linear.Weight.Shape);
        List<string> inputs = [input, w];
        if (linear.Bias is { } bias)
        {
            inputs.Add(at.Graph.Initializer(at.Name("bias"), bias.Data, bias.Shape));
        }

        return at.Graph.Node("Gemm", at.Name("gemm"), inputs, GraphBuilder.Attribute("transB", 1L));
    }

    private static string Conv(Module layer, LayerSite at, string input)
    {
        var conv = (Conv2d)layer;
        var shape = conv.Weight.Shape;
        string w = at.Graph.Initializer(at.Name("weight"), conv.Weight.Data, shape);
        List<string> inputs = [input, w];
        if (conv.Bias is { } bias)
        {
            inputs.Add(at.Graph.Initializer(at.Name("bias"), bias.Data, bias.Shape));
        }

        long p = conv.Padding, s = conv.Stride;
        return at.Graph.Node("Conv", at.Name("conv"), inputs,
            GraphBuilder.Attribute("kernel_shape", shape[2], shape[3]),
            GraphBuilder.Attribute("pads", p, p, p, p),
            GraphBuilder.Attribute("strides", s, s));
    }

    /// <summary>A square window without padding; the output size is rounded down, as the layers compute it.</summary>
    private static string Pool(string opType, long kernel, long stride, LayerSite at, string input) =>
        at.Graph.Node(opType, at.Name(opType.ToLowerInvariant()), [input],
            GraphBuilder.Attribute("kernel_shape", kernel, kernel),
            GraphBuilder.Attribute("strides", stride, stride));

    /// <summary>Evaluation form: the running mean and variance, over channel dimension 1.</summary>
    private static string BatchNormalization(Module layer, LayerSite at, string input)
    {
        var norm = (BatchNorm)layer;
        int c = norm.RunningMean.Length;
        return at.Graph.Node("BatchNormalization", at.Name("batchnorm"),
            [
                input,
                at.Graph.Initializer(at.Name("scale"), norm.Weight.Data, c),
                at.Graph.Initializer(at.Name("bias"), norm.Bias.Data, c),
                at.Graph.Initializer(at.Name("running_mean"), norm.RunningMean, c),
                at.Graph.Initializer(at.Name("running_var"), norm.RunningVar, c),
            ],
            GraphBuilder.Attribute("epsilon", norm.Eps));
    }

    /// <summary>Over the trailing dimensions of the layer's shape (axis = −rank), biased variance.</summary>
    private static string LayerNormalization(Module layer, LayerSite at, string input)
    {
        var norm = (LayerNorm)layer;
        if (at.Graph.Opset < OnnxExportOptions.LayerNormalizationOpset)
        {
            throw new ArgumentException(
                $"{layer.Name}: layer normalisation needs ONNX opset {OnnxExportOptions.LayerNormalizationOpset} or later (LayerNormalization); "
                + $"the export was asked for opset {at.Graph.Opset}.");
        }

        return at.Graph.Node("LayerNormalization", at.Name("layernorm"),
            [
                input,
                at.Graph.Initializer(at.Name("scale"), norm.Weight.Data, norm.Weight.Shape),
                at.Graph.Initializer(at.Name("bias"), norm.Bias.Data, norm.Bias.Shape),
            ],
            GraphBuilder.Attribute("axis", (long)-norm.Weight.Rank),
            GraphBuilder.Attribute("epsilon", norm.Eps));
    }
}
