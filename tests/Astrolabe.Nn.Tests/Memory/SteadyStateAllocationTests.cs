using Astrolabe.Nn.Data;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Memory;

/// <summary>
/// After warm-up a training step in a <see cref="TensorArena"/> allocates at most 1 % of the bytes of the tensors it
/// uses (activations, gradients, temporaries: what the arena hands out). Allocation counts are behaviour, not timing:
/// they do not depend on the machine's load.
/// </summary>
public class SteadyStateAllocationTests
{
    public static TheoryData<string> Cases() => ["cnn_28x28_b64", "mlp_784_512_512_10_b128"];

    private static (Module Model, Tensor X, int[] Y) Case(string name)
    {
        var rng = new Rng(0);
        return name switch
        {
            "cnn_28x28_b64" => (new Sequential(
                    new Conv2d(1, 16, 3, rng: rng), new ReLU(), new MaxPool2d(2),
                    new Conv2d(16, 32, 3, rng: rng), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(32 * 5 * 5, 10, rng: rng)),
                Tensor.Randn(rng, 64, 1, 28, 28), Labels(64)),
            _ => (new Sequential(
                    new Linear(784, 512, rng: rng), new ReLU(), new Linear(512, 512, rng: rng), new ReLU(), new Linear(512, 10, rng: rng)),
                Tensor.Randn(rng, 128, 784), Labels(128)),
        };
    }

    private static int[] Labels(int n) => [.. Enumerable.Range(0, n).Select(i => (i * 7) % 10)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_steady_state_training_step_allocates_at_most_one_percent_of_its_tensor_bytes(string name)
    {
        var (model, x, y) = Case(name);
        var optimizer = Optimizers.Adam(model.Parameters(), lr: 1e-3);
        var arena = new TensorArena();
        void Step()
        {
            using var scope = arena.Enter();
            optimizer.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }

        for (int i = 0; i < 5; i++)
        {
            Step();
        }

        const int steps = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++)
        {
            Step();
        }

        double perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)steps;
        long tensorBytes = arena.BytesUsed;
        Assert.True(tensorBytes > 1_000_000, $"the step should use megabytes of tensors, the arena handed out {tensorBytes} bytes");
        Assert.True(perStep <= 0.01 * tensorBytes, $"{name}: {perStep:F0} bytes allocated per step, {100 * perStep / tensorBytes:F2} % of the step's {tensorBytes} tensor bytes");
    }

    [Fact]
    public void A_trainer_epoch_after_the_first_allocates_at_most_one_percent_of_its_tensor_bytes()
    {
        var (model, x, y) = Case("cnn_28x28_b64");
        var data = new Dataset(x.Data, [1, 28, 28], labels: y);
        var optimizer = Optimizers.Adam(model.Parameters(), lr: 1e-3);
        var trainer = new Trainer(model, new Astrolabe.Nn.Losses.CrossEntropyLoss(), optimizer, new TrainerOptions { Epochs = 1, BatchSize = 16, Seed = 1 });
        trainer.Fit(data);
        long before = GC.GetAllocatedBytesForCurrentThread();
        trainer.Fit(data);
        trainer.Fit(data);
        double perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 8.0;

        // The tensor bytes of one such step: what an arena hands out for the same model on 16 images.
        var arena = new TensorArena();
        using (arena.Enter())
        {
            var images = new Tensor(x.Data.AsSpan(0, 16 * 28 * 28).ToArray(), [16, 1, 28, 28]);
            Functional.CrossEntropy(model.Forward(images), y[..16]).Backward();
        }

        Assert.True(perStep <= 0.01 * arena.BytesUsed, $"{perStep:F0} bytes allocated per training step, {arena.BytesUsed} tensor bytes");
    }
}
