using Astrolabe.Nn;
using Astrolabe.Optim;

namespace Astrolabe.Bench.Nn;

/// <summary>One training step (zero grad, forward, cross-entropy, backward, Adam step) on fixed random data.</summary>
internal static class TrainStepBench
{
    public static IEnumerable<(string Name, int Inner, Action Step)> Cases() =>
        Models().Select(m => (m.Name, m.Inner, Step(m.Model, m.X, m.Y)));

    /// <summary>
    /// What <see cref="FlopCounter"/> counts in one step of the case: the forward pass with its loss, then the
    /// backward pass, each by operation (the peer counts the same with PyTorch's profiler, <c>with_flops=True</c>).
    /// </summary>
    public static object Flops(string name)
    {
        var (_, _, model, x, y) = Models().Single(m => m.Name == name);
        Tensor loss;
        Dictionary<string, long> forward, backward;
        using (var counter = FlopCounter.Start())
        {
            loss = Functional.CrossEntropy(model.Forward(x), y);
            forward = new Dictionary<string, long>(counter.ByOperation);
        }

        using (var counter = FlopCounter.Start())
        {
            loss.Backward();
            backward = new Dictionary<string, long>(counter.ByOperation);
        }

        return new { peer = "astrolabe", @case = name, forward, backward };
    }

    internal static IEnumerable<(string Name, int Inner, Module Model, Tensor X, int[] Y)> Models()
    {
        var rng = new Rng(0);
        yield return ("mlp_64_128_10_b64", 200,
            new Sequential(new Linear(64, 128, rng: rng), new ReLU(), new Linear(128, 10, rng: rng)),
            Tensor.Randn(rng, 64, 64), Labels(rng, 64));
        yield return ("mlp_784_512_512_10_b128", 10,
            new Sequential(new Linear(784, 512, rng: rng), new ReLU(), new Linear(512, 512, rng: rng), new ReLU(), new Linear(512, 10, rng: rng)),
            Tensor.Randn(rng, 128, 784), Labels(rng, 128));
        yield return ("cnn_28x28_b64", 5,
            new Sequential(
                new Conv2d(1, 16, 3, rng: rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 3, rng: rng), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(32 * 5 * 5, 10, rng: rng)),
            Tensor.Randn(rng, 64, 1, 28, 28), Labels(rng, 64));
    }

    /// <summary>One step in a scope of <paramref name="arena"/> (its activations and gradients reuse the previous step's arrays).</summary>
    internal static Action Step(Module model, Tensor x, int[] y, TensorArena? arena = null)
    {
        var optimizer = Optimizers.Adam(model.Parameters(), lr: 1e-3);
        arena ??= new TensorArena();
        return () =>
        {
            using var scope = arena.Enter();
            optimizer.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        };
    }

    private static int[] Labels(Rng rng, int n) => Enumerable.Range(0, n).Select(_ => rng.NextInt(10)).ToArray();
}
