using System.Globalization;
using Astrolabe.ModelSearch;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Astrolabe.Onnx.Tests;

/// <summary>What an exported file says about itself, read back by the generated classes and by ONNX Runtime.</summary>
public sealed class OnnxMetadataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrolabe-onnx-meta-").FullName;

    [Theory]
    [InlineData(13, 8)]
    [InlineData(17, 8)]
    [InlineData(18, 8)]
    [InlineData(20, 9)]
    [InlineData(21, 10)]
    public void TheFileIsStampedWithTheOpsetAndItsIrVersion(int opset, long irVersion)
    {
        var proto = OnnxExport.ToOnnx(Models.Train("wine", "mlp"), new OnnxExportOptions { Opset = opset });

        Assert.Equal(irVersion, proto.IrVersion);
        var import = Assert.Single(proto.OpsetImport);
        Assert.Equal("", import.Domain);
        Assert.Equal(opset, import.Version);
    }

    [Fact]
    public void TheDefaultIsOpset17AndIrVersion8()
    {
        var model = Models.Train("wine", "mlp");
        string path = Path.Combine(_folder, "m.onnx");
        model.ExportOnnx(path);

        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, Assert.Single(proto.OpsetImport).Version);
    }

    [Fact]
    public void ProducerDescriptionAndMetadataDescribeTheModel()
    {
        var model = Models.Train("wine", "mlp", ActivationKind.Gelu, NormalizationKind.Batch, dropout: 0.2);
        string path = Path.Combine(_folder, "m.onnx");
        model.ExportOnnx(path);

        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var meta = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("Astrolabe", proto.ProducerName);
        Assert.StartsWith("0.1.0", proto.ProducerVersion, StringComparison.Ordinal);
        Assert.Contains("wine", proto.DocString, StringComparison.Ordinal);
        Assert.Equal("wine", meta["task"]);
        Assert.Equal("classification", meta["task_kind"]);
        Assert.Equal(model.Config.Describe(), meta["structure"]);
        Assert.Equal("mlp", meta["family"]);
        Assert.Equal("fp32", meta["precision"]);
        Assert.Equal(model.ValidationScore, double.Parse(meta["validation_score"], CultureInfo.InvariantCulture));
        Assert.Equal(model.Config.ToJson(), ModelConfig.FromJson(meta["astrolabe_model_config"]).ToJson());

        using var session = new InferenceSession(path);
        Assert.Equal("Astrolabe", session.ModelMetadata.ProducerName);
        Assert.Equal("wine", session.ModelMetadata.CustomMetadataMap["task"]);
    }

    [Fact]
    public void TheInputIsRawRowsWithASymbolicBatchAndTheGraphHoldsOnlyStandardOperators()
    {
        var model = Models.Train("digits", "cnn", ActivationKind.Gelu, NormalizationKind.Batch, dropout: 0.3);
        var proto = OnnxExport.ToOnnx(model, new OnnxExportOptions { Opset = 20 });

        var input = Assert.Single(proto.Graph.Input);
        Assert.Equal("input", input.Name);
        var dims = input.Type.TensorType.Shape.Dim;
        Assert.Equal("N", dims[0].DimParam);
        Assert.Equal(model.InputShape, dims.Skip(1).Select(d => (int)d.DimValue));
        Assert.Equal(["logits", "probabilities"], proto.Graph.Output.Select(o => o.Name));
        Assert.All(proto.Graph.Output, o => Assert.Equal("N", o.Type.TensorType.Shape.Dim[0].DimParam));
        string[] standard = ["Sub", "Div", "Conv", "BatchNormalization", "Erf", "Add", "Mul", "MaxPool", "Flatten", "Gemm", "Softmax"];
        Assert.All(proto.Graph.Node, n => Assert.Contains(n.OpType, standard));
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType is "Dropout" or "Gelu");
        Assert.Equal(proto.Graph.Node.Count, proto.Graph.Node.Select(n => n.Name).Distinct().Count());
    }

    [Fact]
    public void ARegressionModelRecordsItsKindAndOutputsThePrediction()
    {
        var proto = OnnxExport.ToOnnx(Models.Train("diabetes", "mlp"), null);

        Assert.Equal("regression", proto.MetadataProps.Single(p => p.Key == "task_kind").Value);
        Assert.Equal(["prediction"], proto.Graph.Output.Select(o => o.Name));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
