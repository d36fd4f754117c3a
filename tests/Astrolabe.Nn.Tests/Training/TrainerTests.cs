using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Training;

public class TrainerTests
{
    private static (Dataset Train, Dataset Test) Digits()
    {
        var all = CsvLoader.LoadClassification(DataFiles.Find("digits.csv.gz"));
        var split = all.Split(0, 0.2, seed: 42);
        var scaler = Standardizer.Fit(split.Train);
        return (scaler.Transform(split.Train), scaler.Transform(split.Test));
    }

    [Fact]
    public void Mlp_reaches_97_percent_on_digits()
    {
        var (train, test) = Digits();
        var model = new Sequential(new Linear(64, 128, rng: new Rng(1)), new ReLU(), new Linear(128, 10, rng: new Rng(2)));
        var optimizer = Optimizers.Adam(model.Parameters(), lr: 1e-3);
        var trainer = new Trainer(model, new CrossEntropyLoss(), optimizer, new TrainerOptions { Epochs = 30, BatchSize = 32, Seed = 3 });
        var history = trainer.Fit(train, test);
        Assert.Equal(30, history.Epochs.Count);
        double accuracy = trainer.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.97, $"test accuracy {accuracy:P2}");
        Assert.True(history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss / 5);
    }

    [Fact]
    public void Training_is_deterministic_for_fixed_seeds()
    {
        var (train, _) = Digits();
        double Run()
        {
            var model = new Sequential(new Linear(64, 16, rng: new Rng(1)), new Tanh(), new Dropout(0.2f, new Rng(5)), new Linear(16, 10, rng: new Rng(2)));
            var trainer = new Trainer(model, new CrossEntropyLoss(0.1f), Optimizers.Sgd(model.Parameters(), lr: 0.05, momentum: 0.9), new TrainerOptions { Epochs = 2, Seed = 9 });
            return trainer.Fit(train).Epochs[^1].TrainLoss;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_callback_can_stop_the_run_like_a_pruner()
    {
        var (train, test) = Digits();
        var model = new Sequential(new Linear(64, 10, rng: new Rng(1)));
        var trainer = new Trainer(model, new CrossEntropyLoss(), Optimizers.Adam(model.Parameters()), new TrainerOptions { Epochs = 10 });
        var reported = new List<(int Step, double Value)>();
        trainer.Callbacks.Add(new EpochCallback((r, control) =>
        {
            reported.Add((r.Epoch, r.Validation!.Accuracy!.Value));
            if (r.Epoch == 3)
            {
                control.Stop("pruned");
            }
        }));
        var history = trainer.Fit(train, test);
        Assert.True(history.StoppedEarly);
        Assert.Equal([1, 2, 3], reported.Select(r => r.Step));
    }

    [Fact]
    public void Early_stopping_ends_a_run_that_stops_improving()
    {
        var x = Enumerable.Range(0, 64).Select(i => (float)(i % 8)).ToArray();
        var data = new Dataset(x, [1], targets: x.Select(v => 2 * v).ToArray());
        var model = new Sequential(new Linear(1, 1, rng: new Rng(1)));
        var trainer = new Trainer(model, new MseLoss(), Optimizers.Sgd(model.Parameters(), lr: 0.0),
            new TrainerOptions { Epochs = 50, EarlyStoppingPatience = 2 });
        var history = trainer.Fit(data, data);
        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.Epochs.Count);
        Assert.NotNull(history.Epochs[0].Validation!.Rmse);
    }

    [Fact]
    public void Regression_learns_a_line_and_reports_rmse()
    {
        var rng = new Rng(4);
        var x = Enumerable.Range(0, 256).Select(_ => (float)rng.NextNormal()).ToArray();
        var data = new Dataset(x, [1], targets: x.Select(v => (3 * v) - 1).ToArray());
        var model = new Linear(1, 1, rng: new Rng(1));
        var trainer = new Trainer(model, new HuberLoss(1f), Optimizers.Adam(model.Parameters(), lr: 0.05), new TrainerOptions { Epochs = 40, BatchSize = 16 });
        trainer.Fit(data);
        Assert.InRange(trainer.Evaluate(data).Rmse!.Value, 0, 0.05);
        Assert.Equal(3f, model.Weight.Data[0], 1);
    }

    [Fact]
    public void Penalty_is_added_to_the_reported_objective()
    {
        var data = new Dataset([1f, 2f], [1], targets: [0f, 0f]);
        var model = new Linear(1, 1, bias: false, rng: new Rng(1));
        model.Weight.Data[0] = 2f;
        var trainer = new Trainer(model, new MseLoss(), Optimizers.Sgd(model.Parameters(), lr: 0.0).WithPenalty(Penalties.L2(0.5)),
            new TrainerOptions { Epochs = 1, BatchSize = 2, Shuffle = false });
        var loss = trainer.Fit(data).Epochs[0].TrainLoss;
        Assert.Equal(((4 + 16) / 2.0) + (0.25 * 4), loss, 4);
    }

    [Fact]
    public void Nan_loss_names_the_layer()
    {
        var data = new Dataset([1f, 2f, 3f, 4f], [2], [0, 1]);
        var model = new Sequential(new Linear(2, 3, rng: new Rng(1)), new ReLU(), new Linear(3, 2, rng: new Rng(2)));
        ((Linear)model.Layers[2]).Weight.Data[1] = float.NaN;
        var trainer = new Trainer(model, new CrossEntropyLoss(), Optimizers.Adam(model.Parameters()));
        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(data));
        Assert.Contains("layer 2 (Linear)", e.Message, StringComparison.Ordinal);
        Assert.Equal("layer 2 (Linear)", e.Layer);
    }

    [Fact]
    public void Checkpoint_round_trips_weights_buffers_and_optimizer_state()
    {
        var (train, test) = Digits();
        Sequential Build() => new(new Linear(64, 32, rng: new Rng(1)), new BatchNorm(32), new ReLU(), new Linear(32, 10, rng: new Rng(2)));
        var a = Build();
        var ta = new Trainer(a, new CrossEntropyLoss(), Optimizers.Adam(a.Parameters()), new TrainerOptions { Epochs = 2, Seed = 1 });
        ta.Fit(train);
        using var stream = new MemoryStream();
        ta.SaveCheckpoint(stream);
        var b = Build();
        var tb = new Trainer(b, new CrossEntropyLoss(), Optimizers.Adam(b.Parameters()), new TrainerOptions { Epochs = 2, Seed = 1 });
        stream.Position = 0;
        tb.LoadCheckpoint(stream);
        Assert.Equal(2, tb.EpochsDone);
        Assert.Equal(ta.Evaluate(test), tb.Evaluate(test));
        ta.Fit(train);
        tb.Fit(train);
        Assert.Equal(a.NamedParameters().SelectMany(p => p.Tensor.Data), b.NamedParameters().SelectMany(p => p.Tensor.Data));
    }

    [Fact]
    public void Progress_is_reported_per_epoch()
    {
        var data = new Dataset([1f, 2f, 3f, 4f], [2], [0, 1]);
        var model = new Linear(2, 2, rng: new Rng(1));
        var reports = new List<TrainingProgress>();
        var trainer = new Trainer(model, new CrossEntropyLoss(), Optimizers.Adam(model.Parameters()),
            new TrainerOptions { Epochs = 3, Progress = new SyncProgress(reports.Add) });
        trainer.Fit(data);
        Assert.Equal([1, 2, 3], reports.Where(r => r.Completed is not null).Select(r => r.Epoch));
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
