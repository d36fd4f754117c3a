// Trains a 64-256-10 MLP (ReLU, dropout) on the 8×8 UCI digits (data/digits.csv.gz) and prints the test accuracy.
// Run: dotnet run -c Release --project examples/DigitsMlp
using Astrolabe.Nn;
using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

Seed.Manual(1);
var all = CsvLoader.LoadClassification(DataFiles.Find("digits.csv.gz"));
var split = all.Split(validationFraction: 0.1, testFraction: 0.2, seed: 42);
var scaler = Standardizer.Fit(split.Train);
var (train, validation, test) = (scaler.Transform(split.Train), scaler.Transform(split.Validation), scaler.Transform(split.Test));
Console.WriteLine($"digits: {train.Count} train / {validation.Count} validation / {test.Count} test");

var model = new Sequential(new Linear(64, 256), new ReLU(), new Dropout(0.25f), new Linear(256, 10));
int stepsPerEpoch = (train.Count + 31) / 32;
var optimizer = Optimizers.Adam(model.Parameters(), lr: 2e-3)
    .WithGradientClipping(5.0)
    .WithSchedule(Schedules.PerEpoch(Schedules.WarmupCosine(2e-3, warmupSteps: 2, tMax: 40), stepsPerEpoch));
var trainer = new Trainer(model, new CrossEntropyLoss(labelSmoothing: 0.0f), optimizer, new TrainerOptions
{
    Epochs = 40,
    BatchSize = 32,
    Seed = 7,
    EarlyStoppingPatience = 8,
});
trainer.Callbacks.Add(new EpochCallback((r, _) =>
    Console.WriteLine($"epoch {r.Epoch,2}  loss {r.TrainLoss:F4}  val loss {r.Validation!.Loss:F4}  val acc {r.Validation.Accuracy:P2}  lr {r.LearningRate:G3}  {r.Elapsed.TotalMilliseconds:F0} ms")));

var history = trainer.Fit(train, validation);
var result = trainer.Evaluate(test);
Console.WriteLine($"best epoch {history.BestEpoch}; test accuracy {result.Accuracy:P2} (loss {result.Loss:F4})");
return result.Accuracy >= 0.97 ? 0 : 1;
