using Astrolabe.ModelSearch;
using Microsoft.ML.OnnxRuntime;

namespace Astrolabe.Onnx.Tests;

/// <summary>
/// Every activation, normalisation and family of the model space, exported and run by ONNX Runtime (with graph
/// optimisation off and fully on) on the raw held-out rows, agrees with the model's own predictions.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrolabe-onnx-").FullName;

    [Theory]
    [InlineData("wine", "mlp", ActivationKind.Relu, NormalizationKind.None, 17)]
    [InlineData("wine", "mlp", ActivationKind.LeakyRelu, NormalizationKind.Batch, 17)]
    [InlineData("wine", "mlp", ActivationKind.Gelu, NormalizationKind.Layer, 17)]
    [InlineData("wine", "mlp", ActivationKind.Silu, NormalizationKind.Batch, 13)]
    [InlineData("wine", "mlp", ActivationKind.Elu, NormalizationKind.None, 20)]
    [InlineData("wine", "mlp", ActivationKind.Tanh, NormalizationKind.Layer, 20)]
    [InlineData("iris", "mlp", ActivationKind.Gelu, NormalizationKind.Batch, 13)]
    [InlineData("digits", "cnn", ActivationKind.Relu, NormalizationKind.Batch, 17)]
    [InlineData("digits", "cnn", ActivationKind.Gelu, NormalizationKind.Layer, 17)]
    [InlineData("digits", "cnn", ActivationKind.Silu, NormalizationKind.None, 13)]
    [InlineData("digits", "cnn", ActivationKind.LeakyRelu, NormalizationKind.Layer, 21)]
    [InlineData("digits", "mlp", ActivationKind.Elu, NormalizationKind.Batch, 20)]
    [InlineData("digits", "mlp", ActivationKind.Tanh, NormalizationKind.None, 13)]
    public void AClassifierGivesTheSameProbabilitiesAndClasses(string dataset, string family, ActivationKind activation, NormalizationKind normalization, int opset)
    {
        var model = Models.Train(dataset, family, activation, normalization, dropout: 0.1);
        var raw = Models.Task(dataset).Raw.Test.Features;
        string path = Export(model, opset);

        var expected = model.PredictProbabilities(raw);
        var classes = model.Predict(raw);
        foreach (var level in OnnxRuntimeRunner.Levels)
        {
            var outputs = OnnxRuntimeRunner.Run(path, raw, model.InputShape, level);
            Assert.Equal(["logits", "probabilities"], outputs.Keys.Order(StringComparer.Ordinal));
            var probabilities = outputs["probabilities"];
            Assert.Equal(expected.Length, probabilities.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(probabilities[i] - expected[i]) <= 1e-6 + (1e-5 * Math.Abs(expected[i])), $"{level}: probability {i} is {probabilities[i]}, Astrolabe gives {expected[i]}");
            }

            for (int r = 0; r < classes.Length; r++)
            {
                var row = outputs["logits"].AsSpan(r * model.Outputs, model.Outputs);
                Assert.Equal((int)classes[r], row.IndexOf(MaxOf(row)));
            }
        }
    }

    [Theory]
    [InlineData(ActivationKind.Relu, NormalizationKind.None, 13)]
    [InlineData(ActivationKind.Tanh, NormalizationKind.Batch, 17)]
    [InlineData(ActivationKind.Gelu, NormalizationKind.Layer, 20)]
    [InlineData(ActivationKind.Silu, NormalizationKind.Layer, 17)]
    public void ARegressionModelPredictsTheTargetInItsUnits(ActivationKind activation, NormalizationKind normalization, int opset)
    {
        var model = Models.Train("diabetes", "mlp", activation, normalization, dropout: 0.1);
        var raw = Models.Task("diabetes").Raw.Test.Features;
        string path = Export(model, opset);

        var expected = model.Predict(raw);
        foreach (var level in OnnxRuntimeRunner.Levels)
        {
            var outputs = OnnxRuntimeRunner.Run(path, raw, model.InputShape, level);
            var prediction = Assert.Single(outputs, o => o.Key == "prediction").Value;
            Assert.Equal(expected.Length, prediction.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(prediction[i] - expected[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"{level}: prediction {i} is {prediction[i]}, Astrolabe gives {expected[i]}");
            }
        }
    }

    [Theory]
    [InlineData(ModelPrecision.Fp16)]
    [InlineData(ModelPrecision.Bf16)]
    public void A16BitModelExportsTheFp32ValuesOfItsRoundedWeights(ModelPrecision precision)
    {
        var model = Models.Train("wine", "mlp", normalization: NormalizationKind.Batch).WithPrecision(precision);
        var raw = Models.Task("wine").Raw.Test.Features;
        string path = Export(model, 17);

        var outputs = OnnxRuntimeRunner.Run(path, raw, model.InputShape, GraphOptimizationLevel.ORT_DISABLE_ALL);
        var expected = model.PredictProbabilities(raw);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(outputs["probabilities"][i] - expected[i]) <= 1e-6 + (1e-5 * Math.Abs(expected[i])));
        }
    }

    private string Export(TrainedModel model, int opset)
    {
        string path = Path.Combine(_folder, $"model-{Guid.NewGuid():N}.onnx");
        model.ExportOnnx(path, new OnnxExportOptions { Opset = opset });
        return path;
    }

    private static float MaxOf(ReadOnlySpan<float> row)
    {
        float max = float.NegativeInfinity;
        foreach (float v in row)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
