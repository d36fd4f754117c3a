using System.Globalization;
using System.Text.Json;
using Astrolabe.Bench.Nn;
using Astrolabe.Bench.Sequence;
using Astrolabe.Nn;

// Usage: Astrolabe.Bench.Sequence CASE THREADS       one training step of the case, timed; one JSON line
//        Astrolabe.Bench.Sequence report OURS PEER   markdown table (medians over the rounds) from both sides' JSON lines
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
switch (args)
{
    case ["report", var ours, var peer]:
        SequenceReport.Print(ours, peer);
        return 0;
    case [var name, var t]:
        int threads = int.Parse(t, CultureInfo.InvariantCulture);
        KernelThreads.Max = threads;
        Astrolabe.Optim.KernelOptions.MaxDegreeOfParallelism = threads;
        var (inner, step) = ClassifierStep.Create(name);
        var (wall, cpu) = Timing.Median(step, inner);
        Console.WriteLine(JsonSerializer.Serialize(new { peer = "astrolabe", @case = name, threads, seconds = wall, cpu_seconds = cpu }));
        return 0;
    default:
        Console.Error.WriteLine("usage: Astrolabe.Bench.Sequence CASE THREADS | report OURS PEER");
        return 2;
}
