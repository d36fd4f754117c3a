// Trains a small CNN on the shipped 10k MNIST subset (first 8,000 train, last 2,000 test) and prints the accuracy.
// Run: dotnet run -c Release --project examples/MnistCnn [-- epochs]
using System.Globalization;
using Astrolabe.Nn;
using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 12;
Seed.Manual(1);
var all = IdxLoader.Load(DataFiles.Find("mnist10k-images-idx3-ubyte.gz"), DataFiles.Find("mnist10k-labels-idx1-ubyte.gz"));
var (train, test) = all.SplitAt(8000);
Console.WriteLine($"mnist10k: {train.Count} train / {test.Count} test, {KernelThreads.Max} threads");

var model = new Sequential(
    new Conv2d(1, 16, 3), new ReLU(), new MaxPool2d(2),      // 16×13×13
    new Conv2d(16, 32, 3), new ReLU(), new MaxPool2d(2),     // 32×5×5
    new Flatten(), new Linear(32 * 5 * 5, 10));
int stepsPerEpoch = (train.Count + 63) / 64;
var optimizer = Optimizers.Adam(model.Parameters(), lr: 2e-3)
    .WithSchedule(Schedules.WarmupCosine(2e-3, warmupSteps: 50, tMax: (epochs * stepsPerEpoch) - 50));
var trainer = new Trainer(model, new CrossEntropyLoss(), optimizer, new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 64,
    Seed = 3,
    Progress = new Progress<TrainingProgress>(p =>
    {
        if (p.Completed is null)
        {
            Console.WriteLine($"  epoch {p.Epoch}/{p.Epochs}  batch {p.Batch}/{p.Batches}  loss {p.RunningLoss:F4}");
        }
    }),
});
trainer.Callbacks.Add(new EpochCallback((r, _) =>
    Console.WriteLine($"epoch {r.Epoch}  train loss {r.TrainLoss:F4}  test loss {r.Validation!.Loss:F4}  test acc {r.Validation.Accuracy:P2}  {r.Elapsed.TotalSeconds:F1} s")));

trainer.Fit(train, test);
var result = trainer.Evaluate(test);
Console.WriteLine($"test accuracy {result.Accuracy:P2}");
return result.Accuracy >= 0.97 ? 0 : 1;
