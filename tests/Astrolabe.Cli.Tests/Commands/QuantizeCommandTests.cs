using System.Globalization;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe quantize</c>: the two lines outside checks parse, int8 and 16-bit files, and bad input.</summary>
public sealed class QuantizeCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task EndsWithTheFp32AndInt8LinesAndWritesAModelPredictCanRun()
    {
        string model = cli.TrainAndSave("digits", new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [8], Hidden = [32], Normalization = NormalizationKind.Batch, Epochs = 3 });
        string output = cli.File("q.model");
        var (code, text, error) = await cli.Run("quantize", "--model", model, "--out", output, "--calibration", "200", "--method", "histogram");
        Assert.True(code == 0, error + text);
        var lines = text.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var fp32 = System.Text.RegularExpressions.Regex.Match(lines[^2], @"^fp32: test accuracy (\d+\.\d\d) %, (\d+) bytes$");
        var int8 = System.Text.RegularExpressions.Regex.Match(lines[^1], @"^int8: test accuracy (\d+\.\d\d) %, (\d+) bytes$");
        Assert.True(fp32.Success && int8.Success, text);
        Assert.Equal(new FileInfo(model).Length, long.Parse(fp32.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(new FileInfo(output).Length, long.Parse(int8.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(double.Parse(int8.Groups[1].Value, CultureInfo.InvariantCulture) > double.Parse(fp32.Groups[1].Value, CultureInfo.InvariantCulture) - 2, text);
        Assert.Contains("Calibrated on 200 rows (histogram)", text, StringComparison.Ordinal);
        Assert.Equal(ModelPrecision.QInt8, TrainedModel.Load(output).Precision);

        var (predictCode, predicted, predictError) = await cli.Run("predict", "--model", output, "--dataset", "digits", "--show", "0");
        Assert.True(predictCode == 0, predictError);
        var score = System.Text.RegularExpressions.Regex.Match(predicted, @"Test accuracy on digits \(\d+ samples\): (\d+\.\d\d) ?%");
        Assert.True(score.Success, predicted);
        Assert.Equal(int8.Groups[1].Value, score.Groups[1].Value);

        // An int8 model is not quantised again.
        var (again, _, againError) = await cli.Run("quantize", "--model", output, "--out", cli.File("qq.model"));
        Assert.Equal(CliApp.UsageError, again);
        Assert.Contains("already a int8 model", againError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixteenBitStorageAndACsvCalibrationSet()
    {
        string model = cli.TrainAndSave("wine", new ModelConfig { Hidden = [16], Epochs = 10, LearningRate = 3e-3 });
        string output = cli.File("h.model");
        var (code, text, error) = await cli.Run("quantize", "--model", model, "--out", output, "--precision", "bf16");
        Assert.True(code == 0, error + text);
        Assert.Matches(@"bf16: test accuracy \d+\.\d\d %, \d+ bytes\s*$", text);
        Assert.Equal(ModelPrecision.Bf16, TrainedModel.Load(output).Precision);

        var task = BuiltInTasks.Load("wine");
        string csv = cli.File("calibration.csv");
        var rows = Enumerable.Range(0, 20).Select(i => string.Join(",", task.Raw.Train.Features.Skip(i * 13).Take(13).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        await File.WriteAllLinesAsync(csv, rows);
        var (csvCode, csvText, csvError) = await cli.Run("quantize", "--model", model, "--out", cli.File("c.model"), "--calibration-csv", csv);
        Assert.True(csvCode == 0, csvError + csvText);
        Assert.Contains("Calibrated on 20 rows", csvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgumentsAreClearErrorsAndWriteNothing()
    {
        string model = cli.TrainAndSave("wine", new ModelConfig { Hidden = [8], Epochs = 2 });
        string output = cli.File("out.model");
        Task Refused(string expected, params string[] args) => cli.Refused(output, expected, ["quantize", .. args]);

        await Refused("does not exist", "--model", cli.File("missing.model"), "--out", output);
        await Refused("--out", "--model", model);
        await Refused("minmax", "--model", model, "--out", output, "--method", "entropy");
        await Refused("--calibration", "--model", model, "--out", output, "--calibration", "0");
        await Refused("at most one", "--model", model, "--out", output, "--dataset", "wine", "--calibration-csv", cli.File("x.csv"));
        await Refused("folder", "--model", model, "--out", Path.Combine(cli.File("no-such-dir"), "q.model"));
        await Refused("digits", "--model", model, "--out", output, "--dataset", "digits");
        await File.WriteAllTextAsync(cli.File("bad.model"), "not a model");
        await Refused("not an Astrolabe model", "--model", cli.File("bad.model"), "--out", output);
        await File.WriteAllTextAsync(cli.File("nan.csv"), string.Join(",", Enumerable.Repeat("nan", 13)));
        await Refused("non-finite", "--model", model, "--out", output, "--calibration-csv", cli.File("nan.csv"));
        await File.WriteAllTextAsync(cli.File("short.csv"), "1,2,3");
        await Refused("13 features", "--model", model, "--out", output, "--calibration-csv", cli.File("short.csv"));
    }


    public void Dispose() => cli.Dispose();
}
