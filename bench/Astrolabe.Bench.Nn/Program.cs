using System.Globalization;
using System.Text.Json;
using Astrolabe.Bench.Nn;
using Astrolabe.Nn;

// Usage: Astrolabe.Bench.Nn peak                 the single-core FMA peak, one JSON line
//        Astrolabe.Bench.Nn CASE THREADS         one case (gemm_512, gemm_1024 or a training step), one JSON line
//        Astrolabe.Bench.Nn report OURS PEER     markdown table from both sides' JSON lines
//        Astrolabe.Bench.Nn alloc CASE           bytes allocated per steady-state training step and collections over 100 steps, one JSON line
//        Astrolabe.Bench.Nn infer THREADS        CNN inference on 128 images: the pass, each layer alone, bytes and collections, one JSON line
//        Astrolabe.Bench.Nn flops CASE           the FlopCounter's counts of one training step's forward and backward, one JSON line
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
void Emit(object o) => Console.WriteLine(JsonSerializer.Serialize(o));
switch (args)
{
    case ["report", var ours, var peer]:
        Report.Print(ours, peer);
        return 0;
    case ["flops", var flopsCase]:
        Emit(TrainStepBench.Flops(flopsCase));
        return 0;
    case ["alloc", var allocCase]:
        Emit(AllocBench.Measure(allocCase));
        return 0;
    case ["infer", var inferThreads]:
        int it = int.Parse(inferThreads, CultureInfo.InvariantCulture);
        KernelThreads.Max = it;
        Emit(InferenceBench.Measure(it));
        return 0;
    case ["peak"]:
        Emit(new { peer = "astrolabe", @case = "fma_peak", threads = 1, gflops = FmaPeak.GFlops() });
        return 0;
    case [var name, var t]:
        int threads = int.Parse(t, CultureInfo.InvariantCulture);
        KernelThreads.Max = threads;
        Astrolabe.Optim.KernelOptions.MaxDegreeOfParallelism = threads; // the optimizer step too, or "1 thread" used two
        if (name.StartsWith("gemm_", StringComparison.Ordinal))
        {
            var (gflops, cpuGflops) = GemmBench.GFlops(int.Parse(name[5..], CultureInfo.InvariantCulture));
            Emit(new { peer = "astrolabe", @case = name, threads, gflops, cpu_gflops = cpuGflops });
            return 0;
        }

        var (_, inner, step) = TrainStepBench.Cases().Single(c => c.Name == name);
        var (wall, cpu) = Timing.Median(step, inner);
        Emit(new { peer = "astrolabe", @case = name, threads, seconds = wall, cpu_seconds = cpu });
        return 0;
    default:
        Console.Error.WriteLine("usage: Astrolabe.Bench.Nn peak | CASE THREADS | report OURS PEER");
        return 2;
}
