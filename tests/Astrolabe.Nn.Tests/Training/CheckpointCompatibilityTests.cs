using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Training;

public sealed class CheckpointCompatibilityTests
{
    /// <summary>
    /// Fixtures/adam-mlp-digits-v1.ckpt was written with optimizer state version 1 by a trainer of a 64-16-10 MLP
    /// (Adam with AMSGrad at 3e-3, clipping at 1.0, batches of 64, seed 5) after 2 epochs on the digits' training split;
    /// the same run, continued for 2 more epochs, ended with the weights asserted here.
    /// </summary>
    [Fact]
    public void AVersion1CheckpointResumesTrainingToTheSameWeights()
    {
        var all = CsvLoader.LoadClassification(DataFiles.Find("digits.csv.gz"));
        var train = all.Split(validationFraction: 0.1, testFraction: 0.2, seed: 42).Train;
        var net = new Sequential(new Linear(64, 16, rng: new Rng(11)), new ReLU(), new Linear(16, 10, rng: new Rng(12)));
        var optimizer = Optimizers.Adam(net.Parameters(), lr: 3e-3, amsgrad: true).WithGradientClipping(1.0);
        var trainer = new Trainer(net, new CrossEntropyLoss(), optimizer, new TrainerOptions { Epochs = 2, BatchSize = 64, Seed = 5 });
        using (var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Training", "Fixtures", "adam-mlp-digits-v1.ckpt")))
        {
            trainer.LoadCheckpoint(file);
        }

        Assert.Equal(2, trainer.EpochsDone);
        Assert.Equal(3e-3, optimizer.LearningRate);
        trainer.Fit(train);
        float[] weights = [.. net.NamedParameters().SelectMany(p => p.Tensor.Data)];
        Assert.Equal([0.05073046f, -0.007610811f, 0.013367416f, -0.05449387f, 0.018827368f, -0.04330942f], weights.Take(6));
        Assert.Equal(4.668979885318549, weights.Sum(v => (double)v));
    }
}
