using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Xunit.Abstractions;

namespace Astrolabe.Onnx.Tests;

/// <summary>
/// int8 models exported as QDQ graphs and run by ONNX Runtime (graph optimisation off and fully on) on the raw
/// held-out rows give the model's own int8 classes on every row, and its probabilities within one quantisation step.
/// The graph computes the same real values as the network, but in its own float order: with optimisation off, float
/// Conv/Gemm/LayerNorm on dequantised values instead of the network's <c>acc·m + a</c> epilogue and
/// <c>x·(1/scale)</c>; with it on, fused integer kernels (QLinearConv, QGemm) that requantise their own way. Where a
/// real value lies within float rounding of a quantisation tie, its byte may land one step away; one step of an
/// activation (scale ≈ range/255) moves a probability by about 1e-3 on these models, so "within one step" is held
/// as 1e-2 absolute (the largest differences seen are printed; off, most rows agree to 1e-7).
/// </summary>
public sealed class OnnxInt8ExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrolabe-onnx-int8-").FullName;

    [Theory]
    [InlineData("digits", "cnn", ActivationKind.Relu, NormalizationKind.Batch, 8)] // conv + BN folded + ReLU, int8 max pool, flattened NHWC image into a dense layer
    [InlineData("digits", "cnn", ActivationKind.Relu, NormalizationKind.Layer, 8)] // fp32 LayerNorm, ReLU and max pool on an image between int8 steps
    [InlineData("digits", "mlp", ActivationKind.Relu, NormalizationKind.None, 8)]
    [InlineData("wine", "mlp", ActivationKind.Relu, NormalizationKind.Batch, 8)]
    [InlineData("wine", "mlp", ActivationKind.Gelu, NormalizationKind.Layer, 8)] // fp32 LayerNorm and GELU steps
    [InlineData("digits", "mlp", ActivationKind.Relu, NormalizationKind.Batch, 6)] // 6-bit activations: clipped before QuantizeLinear
    public void AnInt8ClassifierGivesTheSameClassesAndProbabilitiesWithinAStep(string dataset, string family, ActivationKind activation, NormalizationKind normalization, int activationBits)
    {
        var model = Quantized(dataset, family, activation, normalization, activationBits);
        var raw = Models.Task(dataset).Raw.Test.Features;
        string path = Export(model);

        var expected = model.PredictProbabilities(raw);
        int n = model.Outputs, rows = expected.Length / n;
        foreach (var level in OnnxRuntimeRunner.Levels)
        {
            var outputs = OnnxRuntimeRunner.Run(path, raw, model.InputShape, level);
            Assert.Equal(["logits", "probabilities"], outputs.Keys.Order(StringComparer.Ordinal));
            var probabilities = outputs["probabilities"];
            Assert.Equal(expected.Length, probabilities.Length);
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(probabilities[i] - expected[i]));
                Assert.True(Math.Abs(probabilities[i] - expected[i]) <= 1e-2, $"{level}: probability {i} is {probabilities[i]}, Astrolabe gives {expected[i]}");
            }

            for (int r = 0; r < rows; r++)
            {
                Assert.True(ArgMax(probabilities.AsSpan(r * n, n)) == ArgMax(expected.AsSpan(r * n, n)), $"{level}: row {r} changes class");
                Assert.Equal(ArgMax(expected.AsSpan(r * n, n)), ArgMax(outputs["logits"].AsSpan(r * n, n)));
            }

            output.WriteLine($"{level}: {rows} rows, same class on all, largest probability difference {worst:G3}");
        }
    }

    [Fact]
    public void AnInt8RegressionModelPredictsTheTargetInItsUnits()
    {
        var model = Quantized("diabetes", "mlp", ActivationKind.Relu, NormalizationKind.Batch, 8);
        var raw = Models.Task("diabetes").Raw.Test.Features;
        string path = Export(model);

        var expected = model.Predict(raw);
        double spread = expected.Max() - expected.Min();
        foreach (var level in OnnxRuntimeRunner.Levels)
        {
            var prediction = Assert.Single(OnnxRuntimeRunner.Run(path, raw, model.InputShape, level), o => o.Key == "prediction").Value;
            Assert.Equal(expected.Length, prediction.Length);
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(prediction[i] - expected[i]) / spread);
                Assert.True(Math.Abs(prediction[i] - expected[i]) <= 1e-2 * spread, $"{level}: prediction {i} is {prediction[i]}, Astrolabe gives {expected[i]}");
            }

            output.WriteLine($"{level}: largest prediction difference {worst:G3} of the predictions' spread");
        }
    }

    [Fact]
    public void TheGraphIsQdqWithInt8WeightsAndSaysItIsInt8()
    {
        var model = Quantized("digits", "cnn", ActivationKind.Relu, NormalizationKind.Batch, 8);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Export(model)));

        Assert.Equal("int8", proto.MetadataProps.Single(p => p.Key == "precision").Value);
        var ops = proto.Graph.Node.Select(node => node.OpType).ToList();
        Assert.Contains("QuantizeLinear", ops);
        Assert.Contains("DequantizeLinear", ops);
        Assert.Contains("Conv", ops);
        Assert.Contains("MaxPool", ops);
        var weights = proto.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count > 1).ToList();
        Assert.Equal(3, weights.Count); // the convolution's and both dense layers'
        Assert.Equal([8L, 1, 3, 3], weights[0].Dims);
        Assert.All(proto.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float), t => Assert.True(t.Dims.Count <= 1, $"{t.Name} is a float matrix"));
    }

    [Fact]
    public void AnInt8ModelNeedsPerChannelDequantizationButOpset13HasIt()
    {
        var model = Quantized("wine", "mlp", ActivationKind.Relu, NormalizationKind.None, 8);
        string path = Path.Combine(_folder, "m13.onnx");
        model.ExportOnnx(path, new OnnxExportOptions { Opset = 13 });

        var outputs = OnnxRuntimeRunner.Run(path, Models.Task("wine").Raw.Test.Features, model.InputShape, GraphOptimizationLevel.ORT_ENABLE_ALL);
        Assert.Equal(model.Predict(Models.Task("wine").Raw.Test.Features).Length * model.Outputs, outputs["probabilities"].Length);
    }

    private static TrainedModel Quantized(string dataset, string family, ActivationKind activation, NormalizationKind normalization, int activationBits)
    {
        var task = Models.Task(dataset);
        var config = new ModelConfig
        {
            Family = ModelFamilies.Get(family),
            Channels = family == "cnn" ? [8] : [],
            Hidden = [48],
            Activation = activation,
            Normalization = normalization,
            Epochs = 4,
        };
        var model = ModelTraining.Fit(config, task, task.Train, null, 1);
        int rows = Math.Min(256, task.Raw.Train.Features.Length / model.SampleSize);
        return model.Quantize(task.Raw.Train.Features.AsSpan(0, rows * model.SampleSize), new QuantizationOptions { ActivationBits = activationBits });
    }

    private string Export(TrainedModel model)
    {
        string path = Path.Combine(_folder, $"model-{Guid.NewGuid():N}.onnx");
        model.ExportOnnx(path);
        return path;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
