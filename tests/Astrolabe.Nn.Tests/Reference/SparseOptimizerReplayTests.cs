using System.Text.Json;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Reference;

/// <summary>
/// Replays the PyTorch trajectories in <c>SparseOptim/</c> (see the README there): an <see cref="Embedding"/> with
/// sparse gradients stepped by <c>Optimizers.SparseAdam</c> or <c>Optimizers.AdaGrad</c>, the table compared after
/// every step within the replay tolerance.
/// </summary>
public class SparseOptimizerReplayTests
{
    public static TheoryData<string, bool> Files()
    {
        var data = new TheoryData<string, bool>();
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Reference", "SparseOptim"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f), true);
            if (f.Contains("adagrad", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileName(f), false); // AdaGrad's dense path gives the same trajectory.
            }
        }

        return data;
    }

    [Fact]
    public void Trajectories_are_found() => Assert.True(Files().Count >= 3);

    [Theory]
    [MemberData(nameof(Files))]
    public void Trajectory_matches_pytorch(string file, bool sparse)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "SparseOptim", file)));
        var root = doc.RootElement;
        string[] known = ["name", "optimizer", "config", "rows", "dim", "weight", "steps", "padding_idx", "generator"];
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, known));
        int rows = root.GetProperty("rows").GetInt32(), dim = root.GetProperty("dim").GetInt32();
        int? pad = root.TryGetProperty("padding_idx", out var p) ? p.GetInt32() : null;
        var emb = new Embedding(rows, dim, new Rng(0)) { PaddingIdx = pad, Sparse = sparse };
        Doubles(root.GetProperty("weight").GetProperty("data")).Select(v => (float)v).ToArray().CopyTo(emb.Weight.Data, 0);
        var config = root.GetProperty("config");
        double Num(string key) => config.GetProperty(key).GetDouble();
        var optimizer = root.GetProperty("optimizer").GetString() switch
        {
            "sparse_adam" => Optimizers.SparseAdam(emb.Parameters(), Num("lr"), config.GetProperty("betas")[0].GetDouble(), config.GetProperty("betas")[1].GetDouble(), Num("eps")),
            "adagrad" => Optimizers.AdaGrad(emb.Parameters(), Num("lr"), Num("lr_decay"), initialAccumulatorValue: Num("initial_accumulator_value"), eps: Num("eps")),
            var other => throw new InvalidDataException($"{file}: unknown optimizer '{other}'."),
        };
        int step = 0;
        foreach (var s in root.GetProperty("steps").EnumerateArray())
        {
            step++;
            int[] indices = [.. s.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32())];
            optimizer.ZeroGrad();
            var y = emb.Forward(indices, [indices.Length]);
            y.Backward([.. Doubles(s.GetProperty("grad_output").GetProperty("data")).Select(v => (float)v)]);
            optimizer.Step();
            var expected = Doubles(s.GetProperty("weight").GetProperty("data"));
            for (int i = 0; i < expected.Length; i++)
            {
                double r = expected[i];
                Assert.True(
                    Math.Abs(emb.Weight.Data[i] - r) <= ReferenceReplayer.Atol + (ReferenceReplayer.Rtol * Math.Abs(r)),
                    $"{file} step {step} weight[{i}] = {emb.Weight.Data[i]:R}, expected {r:R}");
            }
        }
    }

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];
}
