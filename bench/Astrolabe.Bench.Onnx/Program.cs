using System.Diagnostics;
using System.Text.Json;
using Astrolabe.Bench.Quant;
using Astrolabe.ModelSearch;
using Astrolabe.Onnx;
using Microsoft.ML.OnnxRuntime;

// ONNX export against torch.onnx.export on the demo's best CNN and MLP (the int8 benchmark's models).
// Usage: Astrolabe.Bench.Onnx export DIR    trains the models (Prepare), writes their preprocessing for the peer,
//                                           exports each 21 times (median time) to DIR/<model>.onnx: a JSON line each
//        Astrolabe.Bench.Onnx runtime DIR   ONNX Runtime (1 thread, full graph optimisation) on DIR/<model>.onnx and
//                                           the peer's DIR/<model>.torch.onnx, batch 1 and 128, timed in alternation;
//                                           and the largest difference between their probabilities
string mode = args.Length > 1 ? args[0] : throw new ArgumentException("Usage: Astrolabe.Bench.Onnx export|runtime DIR");
string dir = args[1];
var task = BuiltInTasks.Load("mnist10k");
if (mode == "export")
{
    Prepare.Run(dir);
    foreach (var (name, _) in Models.All)
    {
        var model = TrainedModel.Load(Path.Combine(dir, name + ".model"));
        File.WriteAllText(Path.Combine(dir, name + ".preprocessing.json"), JsonSerializer.Serialize(new { offset = model.Preprocessing.Offset, scale = model.Preprocessing.Scale }));
        string path = Path.Combine(dir, name + ".onnx");
        var times = new double[21];
        for (int i = -3; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.ExportOnnx(path);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        Array.Sort(times);
        Console.WriteLine(JsonSerializer.Serialize(new { side = "astrolabe", model = name, export_ms = times[times.Length / 2], bytes = new FileInfo(path).Length }));
    }

    return;
}

var raw = task.Raw.Test.Features;
int size = task.Raw.Test.SampleSize;
foreach (var (name, _) in Models.All)
{
    using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
    using var ours = new InferenceSession(Path.Combine(dir, name + ".onnx"), options);
    using var theirs = new InferenceSession(Path.Combine(dir, name + ".torch.onnx"), options);
    var latency = new Dictionary<string, double>();
    float maxDifference = 0;
    foreach (int batch in new[] { 1, 128 })
    {
        // Ours takes raw pixels (its preprocessing is in the graph); PyTorch's export, made from a module that
        // scales its input the same way, takes them too.
        var input = raw.AsSpan(0, batch * size).ToArray();
        long[] shape = [batch, 1, 28, 28];
        float[] Run(InferenceSession session)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["input"], [value], ["probabilities"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        var a = Run(ours);
        var b = Run(theirs);
        maxDifference = Math.Max(maxDifference, a.Zip(b).Max(p => Math.Abs(p.First - p.Second)));
        int inner = batch == 1 ? 200 : 10;
        var (tOurs, tTheirs) = Alternating.Median(() => Run(ours), () => Run(theirs), inner, 9);
        latency[$"ours_b{batch}_ms"] = tOurs * 1e3;
        latency[$"torch_b{batch}_ms"] = tTheirs * 1e3;
    }

    Console.WriteLine(JsonSerializer.Serialize(new { side = "onnxruntime", model = name, max_probability_difference = maxDifference, latency }));
}
