using System.Text.Json;

namespace Astrolabe.Optim.Tests;

/// <summary>Replays every PyTorch reference trajectory in float32 (rtol 1e-4, atol 1e-6).</summary>
public sealed class ReferenceReplayTests
{
    private const double Rtol = 1e-4;
    private const double Atol = 1e-6;
    private static readonly string[] TopKeys = ["name", "generator", "params", "problem", "optimizer", "clip", "schedule", "steps", "trajectory"];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string f in BundledFiles().Concat(ExternalFiles()))
        {
            data.Add(f);
        }

        return data;
    }

    [Fact]
    public void ReferenceFilesAreFound()
    {
        Assert.True(BundledFiles().Length >= 30, $"Expected the bundled reference files next to the tests, found {BundledFiles().Length}.");
        if (Environment.GetEnvironmentVariable("OPTIM_REFERENCE_DIR") is { Length: > 0 } dir)
        {
            Assert.True(ExternalFiles().Length > 0, $"OPTIM_REFERENCE_DIR is set to '{dir}' but holds no *.json file.");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays(string path)
    {
        string file = Path.GetFileName(path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        foreach (var key in root.EnumerateObject().Where(k => !TopKeys.Contains(k.Name)))
        {
            throw new InvalidDataException($"{file}: unknown key '{key.Name}'.");
        }

        var ps = root.GetProperty("params").EnumerateArray().Select(p =>
        {
            float[] init = [.. p.GetProperty("init").EnumerateArray().Select(v => (float)v.GetDouble())];
            int[] shape = [.. p.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32())];
            return new Parameter(p.GetProperty("name").GetString()!, init, new float[init.Length], shape);
        }).ToArray();
        var problem = new ReferenceProblem(root.GetProperty("problem"), file);
        var opt = ReferenceFactory.Optimizer(root.GetProperty("optimizer"), ps, file);
        ReferenceFactory.AttachClip(opt, root.GetProperty("clip"), file);
        var schedulerStep = ReferenceFactory.Scheduler(opt, root.GetProperty("schedule"), file);
        var rows = root.GetProperty("trajectory").EnumerateArray().ToArray();
        Assert.Equal(root.GetProperty("steps").GetInt32(), rows.Length);
        for (int t = 0; t < rows.Length; t++)
        {
            var row = rows[t];
            foreach (var key in row.EnumerateObject().Where(k => k.Name is not ("loss" or "lr" or "params")))
            {
                throw new InvalidDataException($"{file}: unknown key '{key.Name}' in trajectory row {t}.");
            }

            double loss = problem.Evaluate(ps);
            Close(file, t, "loss", loss, row.GetProperty("loss").GetDouble());
            Close(file, t, "lr", opt.LearningRate, row.GetProperty("lr").GetDouble());
            opt.Step();
            foreach (var p in ps)
            {
                var expected = row.GetProperty("params").GetProperty(p.Name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(expected.Length, p.Length);
                for (int j = 0; j < p.Length; j++)
                {
                    Close(file, t, $"{p.Name}[{j}]", p.Value[j], expected[j]);
                }
            }

            schedulerStep(loss);
        }
    }

    private static void Close(string file, int step, string what, double actual, double expected)
    {
        if (!(Math.Abs(actual - expected) <= Atol + (Rtol * Math.Abs(expected))))
        {
            Assert.Fail($"{file}, step {step}, {what}: got {actual:R}, PyTorch {expected:R} (|Δ| = {Math.Abs(actual - expected):E3}).");
        }
    }

    private static string[] BundledFiles() => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Reference"), "*.json").Order().ToArray();

    private static string[] ExternalFiles() =>
        Environment.GetEnvironmentVariable("OPTIM_REFERENCE_DIR") is { Length: > 0 } dir && Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir, "*.json").Order()]
            : [];
}
