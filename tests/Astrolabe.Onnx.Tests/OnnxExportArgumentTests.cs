using Astrolabe.ModelSearch;

namespace Astrolabe.Onnx.Tests;

/// <summary>What the export refuses, with a message that says why, writing nothing.</summary>
public sealed class OnnxExportArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrolabe-onnx-args-").FullName;

    [Theory]
    [InlineData(12)]
    [InlineData(22)]
    [InlineData(0)]
    public void AnOpsetOutsideTheSupportedRangeIsRefusedNamingTheRange(int opset)
    {
        var model = Models.Train("wine", "mlp");
        string path = Path.Combine(_folder, "m.onnx");

        var e = Assert.Throws<ArgumentException>(() => model.ExportOnnx(path, new OnnxExportOptions { Opset = opset }));

        Assert.Contains($"opset {opset}", e.Message, StringComparison.Ordinal);
        Assert.Contains("13 to 21", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void LayerNormalisationBelowOpset17IsRefusedNamingTheLayer(string family)
    {
        var model = Models.Train("digits", family, normalization: NormalizationKind.Layer);
        string path = Path.Combine(_folder, "m.onnx");

        var e = Assert.Throws<ArgumentException>(() => model.ExportOnnx(path, new OnnxExportOptions { Opset = 13 }));

        Assert.Contains(family == "cnn" ? "layer 1 (LayerNorm)" : "layer 2 (LayerNorm)", e.Message, StringComparison.Ordinal);
        Assert.Contains("opset 17", e.Message, StringComparison.Ordinal);
        Assert.Contains("opset 13", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void AnInt8ModelBelowOpset13IsOutsideTheOptions()
    {
        var fp32 = Models.Train("wine", "mlp");
        var int8 = fp32.Quantize(Models.Task("wine").Raw.Train.Features);
        string path = Path.Combine(_folder, "m.onnx");

        Assert.Throws<ArgumentException>(() => int8.ExportOnnx(path, new OnnxExportOptions { Opset = 12 }));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
        int8.ExportOnnx(path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void AMissingFolderIsAClearError()
    {
        var model = Models.Train("wine", "mlp");
        string path = Path.Combine(_folder, "no-such-folder", "m.onnx");

        var e = Assert.Throws<DirectoryNotFoundException>(() => model.ExportOnnx(path));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void AFolderInTheWayIsAClearErrorAndStaysAsItWas()
    {
        var model = Models.Train("wine", "mlp");
        string path = Directory.CreateDirectory(Path.Combine(_folder, "m.onnx")).FullName;

        var e = Assert.Throws<IOException>(() => model.ExportOnnx(path));

        Assert.Contains("folder", e.Message, StringComparison.Ordinal);
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void AnExistingFileIsReplacedWholeAndNoTemporaryFileRemains()
    {
        var model = Models.Train("wine", "mlp");
        string path = Path.Combine(_folder, "m.onnx");
        File.WriteAllText(path, "an older file");

        model.ExportOnnx(path);

        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
        Assert.Equal(OnnxExport.ToOnnx(model, null).CalculateSize(), new FileInfo(path).Length);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        var model = Models.Train("wine", "mlp");

        Assert.Throws<ArgumentNullException>(() => ((TrainedModel)null!).ExportOnnx(Path.Combine(_folder, "m.onnx")));
        Assert.ThrowsAny<ArgumentException>(() => model.ExportOnnx(""));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
