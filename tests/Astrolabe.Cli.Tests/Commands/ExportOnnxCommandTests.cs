using System.Globalization;
using System.Text.RegularExpressions;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe export-onnx</c>: the summary line and the file, and every bad input refused with nothing written.</summary>
public sealed class ExportOnnxCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Theory]
    [InlineData("wine", null, "'logits', 'probabilities' \\[N, 3\\]")]
    [InlineData("diabetes", "20", "'prediction' \\[N, 1\\]")]
    public async Task WritesTheFileAndSummarisesIt(string dataset, string? opset, string outputs)
    {
        string model = cli.TrainAndSave(dataset, new ModelConfig { Hidden = [8], Normalization = NormalizationKind.Layer, Epochs = 2 });
        string output = cli.File(dataset + ".onnx");
        string[] args = opset is null ? ["export-onnx", "--model", model, "--out", output] : ["export-onnx", "--model", model, "--out", output, "--opset", opset];

        var (code, text, error) = await cli.Run(args);

        Assert.True(code == 0, error + text);
        var summary = Regex.Match(text, @"^Wrote (.+): (\d+) nodes, opset (\d+) \(IR version (\d+)\), (\d+) bytes; input 'input' \[N, \d+\] of raw values, outputs (.+)\.\s*$");
        Assert.True(summary.Success, text);
        Assert.Equal(output, summary.Groups[1].Value);
        Assert.Equal(opset ?? "17", summary.Groups[3].Value);
        Assert.Equal(opset is null ? "8" : "9", summary.Groups[4].Value);
        Assert.Equal(new FileInfo(output).Length, long.Parse(summary.Groups[5].Value, CultureInfo.InvariantCulture));
        Assert.Matches(outputs, summary.Groups[6].Value);
        Assert.Equal([model, output], Directory.GetFiles(Path.GetDirectoryName(output)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BadInputIsAClearErrorAndWritesNothing()
    {
        string model = cli.TrainAndSave("wine", new ModelConfig { Hidden = [8], Normalization = NormalizationKind.Layer, Epochs = 2 });
        string output = cli.File("out.onnx");
        Task Refused(string expected, params string[] args) => cli.Refused(output, expected, ["export-onnx", .. args]);

        await Refused("does not exist", "--model", cli.File("missing.model"), "--out", output);
        await Refused("--out", "--model", model);
        await Refused("13 to 21", "--model", model, "--out", output, "--opset", "12");
        await Refused("13 to 21", "--model", model, "--out", output, "--opset", "99");
        await Refused("--opset", "--model", model, "--out", output, "--opset", "seventeen");
        await Refused("layer 1 (LayerNorm)", "--model", model, "--out", output, "--opset", "13");
        await Refused("folder", "--model", model, "--out", Path.Combine(cli.File("no-such-dir"), "m.onnx"));
        await File.WriteAllTextAsync(cli.File("bad.model"), "not a model");
        await Refused("not an Astrolabe model", "--model", cli.File("bad.model"), "--out", output);

        Directory.CreateDirectory(cli.File("taken.onnx"));
        var (code, _, error) = await cli.Run("export-onnx", "--model", model, "--out", cli.File("taken.onnx"));
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("is a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInt8ModelIsWrittenAsAQdqGraph()
    {
        string model = cli.TrainAndSave("wine", new ModelConfig { Hidden = [8], Normalization = NormalizationKind.Layer, Epochs = 2 });
        var task = BuiltInTasks.Load("wine");
        TrainedModel.Load(model).Quantize(task.Raw.Train.Features).Save(cli.File("int8.model"));
        string output = cli.File("int8.onnx");

        var (code, text, error) = await cli.Run("export-onnx", "--model", cli.File("int8.model"), "--out", output);

        Assert.True(code == 0, error + text);
        Assert.StartsWith($"Wrote {output}:", text, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output);
        Assert.True(bytes.AsSpan().IndexOf("QuantizeLinear"u8) >= 0, "the graph has no QuantizeLinear node");
        Assert.True(bytes.AsSpan().IndexOf("int8"u8) >= 0, "the metadata does not say int8");
    }


    public void Dispose() => cli.Dispose();
}
