using System.Text.Json;
using Astrolabe.ModelSearch;
using Astrolabe.Nn;

namespace Astrolabe.Bench.Quant;

/// <summary>
/// Our side of one round: for each model, fp32 and int8 test accuracy, int8/fp32 top-1 agreement, file bytes, and the
/// median wall time of a forward pass (scaled inputs, no preprocessing, one thread) at batch 1 and 128, fp32 and int8
/// timed in alternation.
/// </summary>
internal static class Measure
{
    public static void Run(string dir, int rounds)
    {
        KernelThreads.Max = 1;
        Astrolabe.Optim.KernelOptions.MaxDegreeOfParallelism = 1;
        var task = BuiltInTasks.Load("mnist10k");
        var test = task.Test;
        foreach (var (name, _) in Models.All)
        {
            string fp32Path = Path.Combine(dir, name + ".model"), int8Path = Path.Combine(dir, name + ".int8.model");
            var fp32 = TrainedModel.Load(fp32Path);
            var int8 = TrainedModel.Load(int8Path);
            var network = fp32.Network;
            var quantized = int8.Quantized!;
            int size = fp32.SampleSize, outputs = fp32.Outputs;

            var logits = Forward(network, test.Features, test.Count, fp32.InputShape);
            var qLogits = new float[test.Count * outputs];
            quantized.Forward(test.Features, qLogits);
            int agree = 0;
            for (int i = 0; i < test.Count; i++)
            {
                agree += TrainedModelArgMax(logits, i, outputs) == TrainedModelArgMax(qLogits, i, outputs) ? 1 : 0;
            }

            var latency = new Dictionary<string, double>();
            foreach (int batch in new[] { 1, 128 })
            {
                var x = new Tensor(test.Features.AsSpan(0, batch * size).ToArray(), [batch, .. fp32.InputShape]);
                var y = new float[batch * outputs];
                var arena = new TensorArena();
                using var noGrad = GradMode.NoGrad();
                void Fp32()
                {
                    using var scope = arena.Enter();
                    network.Forward(x);
                }

                void Int8() => quantized.Forward(x.Data, y);
                int inner = batch == 1 ? 200 : 10;
                var (f, q) = Alternating.Median(Fp32, Int8, inner, 7 * rounds);
                latency[$"fp32_b{batch}_ms"] = f * 1e3;
                latency[$"int8_b{batch}_ms"] = q * 1e3;
            }

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                side = "astrolabe",
                model = name,
                int8_path = Int8Gemm(),
                fp32_accuracy = fp32.Score(test),
                int8_accuracy = int8.Score(test),
                agreement = (double)agree / test.Count,
                fp32_bytes = new FileInfo(fp32Path).Length,
                int8_bytes = new FileInfo(int8Path).Length,
                int8_layers = quantized.Int8Layers,
                fp32_layers = quantized.FloatLayers,
                latency,
            }));
        }
    }

    private static string Int8Gemm() =>
        System.Runtime.Intrinsics.X86.AvxVnni.IsSupported ? "avx-vnni" : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "avx2" : "scalar";

    private static float[] Forward(Module network, float[] features, int rows, int[] shape)
    {
        using var noGrad = GradMode.NoGrad();
        network.Eval();
        return network.Forward(new Tensor(features, [rows, .. shape])).Data;
    }

    private static int TrainedModelArgMax(float[] logits, int row, int outputs)
    {
        var r = logits.AsSpan(row * outputs, outputs);
        int best = 0;
        for (int j = 1; j < outputs; j++)
        {
            best = r[j] > r[best] ? j : best;
        }

        return best;
    }
}
