using Astrolabe.Nn;

namespace Astrolabe.Bench.Nn;

/// <summary>
/// Inference of the bench's CNN on 128 images (evaluation mode, no graph): the whole forward pass, and each layer
/// timed alone on its own input (their sum is what the pass would take with no cost between layers), both in a
/// <see cref="TensorArena"/> scope per pass; with the managed bytes and collections of 100 passes. Wall and process
/// CPU times are both reported: on a shared machine the CPU times are the ones to compare.
/// </summary>
internal static class InferenceBench
{
    public static object Measure(int threads)
    {
        var rng = new Rng(0);
        var model = new Sequential(
            new Conv2d(1, 16, 3, rng: rng), new ReLU(), new MaxPool2d(2),
            new Conv2d(16, 32, 3, rng: rng), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(32 * 5 * 5, 10, rng: rng));
        model.Eval();
        var x = Tensor.Randn(rng, 128, 1, 28, 28);
        var arena = new TensorArena();
        using var noGrad = GradMode.NoGrad();

        void Pass()
        {
            using var scope = arena.Enter();
            model.Forward(x);
        }

        var (whole, wholeCpu) = Timing.Median(Pass, 20);

        // Each layer's input, computed once outside any arena (kept for the whole measurement).
        var inputs = new List<Tensor> { x };
        foreach (var layer in model.Layers)
        {
            inputs.Add(layer.Forward(inputs[^1]));
        }

        var layers = new double[model.Layers.Count];
        var layersCpu = new double[model.Layers.Count];
        var layersThread = new double[model.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            var (layer, input) = (model.Layers[i], inputs[i]);
            (layers[i], layersCpu[i]) = Timing.Median(() =>
            {
                using var scope = arena.Enter();
                layer.Forward(input);
            }, 50, warmupSeconds: 0.5);
            layersThread[i] = ThreadCpu.Median(() =>
            {
                using var scope = arena.Enter();
                layer.Forward(input);
            }, 50);
        }

        double wholeThread = ThreadCpu.Median(Pass, 20);

        long bytes0 = GC.GetTotalAllocatedBytes(precise: true);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        for (int i = 0; i < 100; i++)
        {
            Pass();
        }

        return new
        {
            peer = "astrolabe",
            @case = "cnn_infer_b128",
            threads,
            seconds = whole,
            cpu_seconds = wholeCpu,
            layer_seconds = layers,
            sum_of_layers = layers.Sum(),
            ratio_to_sum = whole / layers.Sum(),
            thread_cpu_seconds = wholeThread,
            layer_thread_cpu_seconds = layersThread,
            thread_cpu_ratio_to_sum = wholeThread / layersThread.Sum(),
            layer_cpu_seconds = layersCpu,
            sum_of_layers_cpu = layersCpu.Sum(),
            cpu_ratio_to_sum = wholeCpu / layersCpu.Sum(),
            allocated_bytes_per_pass = (GC.GetTotalAllocatedBytes(precise: true) - bytes0) / 100,
            tensor_bytes_per_pass = arena.BytesUsed,
            gen0 = GC.CollectionCount(0) - g0,
            gen1 = GC.CollectionCount(1) - g1,
            gen2 = GC.CollectionCount(2) - g2,
        };
    }
}
