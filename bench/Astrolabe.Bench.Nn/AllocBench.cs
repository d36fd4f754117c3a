using Astrolabe.Nn;

namespace Astrolabe.Bench.Nn;

/// <summary>What a steady-state training step allocates on the managed heap, and the collections it causes.</summary>
internal static class AllocBench
{
    /// <summary>Warms up, then runs <paramref name="steps"/> steps and reports the bytes allocated per step (all threads) and the collections per generation.</summary>
    public static object Measure(string name, int steps = 100)
    {
        var (_, _, model, x, y) = TrainStepBench.Models().Single(c => c.Name == name);
        var arena = new TensorArena();
        var step = TrainStepBench.Step(model, x, y, arena);
        for (int i = 0; i < 20; i++)
        {
            step();
        }

        long bytes0 = GC.GetTotalAllocatedBytes(precise: true), thread0 = GC.GetAllocatedBytesForCurrentThread();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        for (int i = 0; i < steps; i++)
        {
            step();
        }

        long perStep = (GC.GetTotalAllocatedBytes(precise: true) - bytes0) / steps;
        long perStepThisThread = (GC.GetAllocatedBytesForCurrentThread() - thread0) / steps;
        return new
        {
            peer = "astrolabe",
            @case = name,
            allocated_bytes_per_step = perStep,
            calling_thread_bytes_per_step = perStepThisThread,
            tensor_bytes_per_step = arena.BytesUsed,
            allocated_fraction = perStep / (double)arena.BytesUsed,
            gen0 = GC.CollectionCount(0) - g0,
            gen1 = GC.CollectionCount(1) - g1,
            gen2 = GC.CollectionCount(2) - g2,
            steps,
        };
    }
}
