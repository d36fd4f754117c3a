using System.Globalization;
using System.Text.Json;
using Astrolabe.Bench.Attention;
using Astrolabe.Bench.Nn;
using Astrolabe.Nn;

// Usage: Astrolabe.Bench.Attention THREADS      one training step of the text classifier, one JSON line
//        Astrolabe.Bench.Attention report FILE   markdown rows from the JSON lines of both sides (alternating rounds)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
switch (args)
{
    case ["report", var file]:
        Report(file);
        return 0;
    case [var t]:
        int threads = int.Parse(t, CultureInfo.InvariantCulture);
        KernelThreads.Max = threads;
        Astrolabe.Optim.KernelOptions.MaxDegreeOfParallelism = threads;
        var model = new TextClassifier(Shape.Demo);
        var (wall, cpu) = Timing.Median(model.Step, 10);
        Console.WriteLine(JsonSerializer.Serialize(new { peer = "astrolabe", @case = Shape.Demo.Name, threads, seconds = wall, cpu_seconds = cpu }));
        return 0;
    default:
        Console.Error.WriteLine("usage: Astrolabe.Bench.Attention THREADS | report FILE");
        return 2;
}

// One row per round (ours and the peer's line that follows it), then the medians of the per-round ratios.
static void Report(string file)
{
    var lines = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("seconds", out _)).ToList();
    var wallRatios = new List<double>();
    var cpuRatios = new List<double>();
    Console.WriteLine("| round | threads | Astrolabe.Nn wall | PyTorch wall | speed-up (wall) | Astrolabe.Nn CPU | PyTorch CPU | speed-up (CPU) |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i + 1 < lines.Count; i += 2)
    {
        var (o, p) = (lines[i], lines[i + 1]);
        double ow = o.GetProperty("seconds").GetDouble(), pw = p.GetProperty("seconds").GetDouble();
        double oc = o.GetProperty("cpu_seconds").GetDouble(), pc = p.GetProperty("cpu_seconds").GetDouble();
        wallRatios.Add(pw / ow);
        cpuRatios.Add(pc / oc);
        Console.WriteLine($"| {(i / 2) + 1} | {o.GetProperty("threads").GetInt32()} | {ow * 1e3:F2} ms | {pw * 1e3:F2} ms | {pw / ow:F2}× | {oc * 1e3:F2} ms | {pc * 1e3:F2} ms | {pc / oc:F2}× |");
    }

    static double Median(List<double> v) => v.Order().ElementAt((v.Count - 1) / 2); // the lower middle of an even count
    Console.WriteLine();
    Console.WriteLine($"Median speed-up over {wallRatios.Count} rounds: {Median(wallRatios):F2}× (wall), {Median(cpuRatios):F2}× (CPU).");
}
