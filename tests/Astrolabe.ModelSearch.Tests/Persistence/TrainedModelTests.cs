using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Persistence;

public sealed class TrainedModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-model-").FullName;

    [Theory]
    [InlineData("digits", "cnn")]
    [InlineData("wine", "mlp")]
    [InlineData("diabetes", "mlp")]
    public void ASavedModelPredictsRawSamplesExactlyAsBeforeSaving(string dataset, string family)
    {
        var task = BuiltInTasks.Load(dataset);
        var config = new ModelConfig { Family = ModelFamilies.Get(family), Channels = family == "cnn" ? [6] : [], Hidden = [16], Normalization = NormalizationKind.Batch, Dropout = 0.1, Epochs = 2 };
        var model = ModelTraining.Fit(config, task, task.Train, task.Validation, 3);
        string path = Path.Combine(folder, dataset + ".model");
        model.Save(path);
        var back = TrainedModel.Load(path);
        Assert.Equal(model.Predict(task.Raw.Test.Features), back.Predict(task.Raw.Test.Features));
        Assert.Equal(model.Score(task.Test), back.Score(task.Test), 10);
        Assert.Equal(model.ValidationScore, back.ValidationScore);
        Assert.Equal(config.ToJson(), back.Config.ToJson());
        Assert.Equal(task.Name, back.TaskName);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void PredictionsOfRawSamplesAgreeWithTheScoreOnScaledOnes()
    {
        var task = BuiltInTasks.Load("diabetes");
        var model = ModelTraining.Fit(new ModelConfig { Hidden = [16], Epochs = 20, LearningRate = 3e-3 }, task, task.Train, null, 1);
        var p = model.Predict(task.Raw.Test.Features);
        double rmse = Math.Sqrt(p.Select((v, i) => (v - task.Raw.Test.Targets![i]) * (v - task.Raw.Test.Targets[i])).Average());
        Assert.Equal(model.Score(task.Test), rmse, 2);
        Assert.InRange(rmse, 30, 90);
    }

    [Fact]
    public void BatchedPredictionsAndProbabilitiesAgreeWithOneForwardPassOverAllRows()
    {
        var task = BuiltInTasks.Load("digits");
        var config = new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [4], Hidden = [16], Normalization = NormalizationKind.Batch, Epochs = 1 };
        var model = ModelTraining.Fit(config, task, task.Train, null, 2);
        var raw = task.Raw.Test.Features;
        int n = raw.Length / model.SampleSize;
        Assert.True(n > TrainedModel.PredictBatchSize, "the test rows should span more than one batch");

        var scaled = new float[raw.Length];
        model.Preprocessing.ApplyFeatures(raw, scaled, model.SampleSize);
        float[] logits;
        using (GradMode.NoGrad())
        {
            logits = model.Network.Forward(new Tensor(scaled, [n, .. model.InputShape])).Data;
        }

        var predictions = new double[n];
        var probabilities = new float[n * model.Outputs];
        model.Predict(raw, predictions, probabilities);
        Assert.Equal(predictions, model.Predict(raw));
        Assert.Equal(probabilities, model.PredictProbabilities(raw));
        for (int i = 0; i < n; i++)
        {
            var row = logits.AsSpan(i * model.Outputs, model.Outputs).ToArray();
            var p = probabilities.AsSpan(i * model.Outputs, model.Outputs);
            Assert.Equal(Array.IndexOf(row, row.Max()), (int)predictions[i]);
            Assert.Equal(1.0, p.ToArray().Sum(v => (double)v), 5);
            double z = row.Sum(v => Math.Exp(v - row[0]));
            Assert.Equal(1 / z, p[0], 5);
        }
    }

    [Fact]
    public void PredictingEightTimesTheRowsDoesNotAllocateEightTimesTheMemory()
    {
        var task = BuiltInTasks.Load("digits");
        var config = new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [4], Hidden = [16], Epochs = 1 };
        var model = ModelTraining.Fit(config, task, task.Train, null, 2);
        var rows = task.Raw.Train.Features.AsSpan(0, 2 * TrainedModel.PredictBatchSize * model.SampleSize).ToArray();
        var many = Enumerable.Repeat(rows, 8).SelectMany(r => r).ToArray();
        long Allocated(float[] raw)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var p = model.Predict(raw);
            return GC.GetAllocatedBytesForCurrentThread() - before - (8L * p.Length);
        }

        Allocated(rows);
        long once = Allocated(rows), eight = Allocated(many);
        Assert.True(eight < 2 * once, $"{once} bytes for {rows.Length / model.SampleSize} rows, {eight} for eight times as many");
    }

    [Fact]
    public void ProbabilitiesOfARegressionModelOrIntoAWrongSizedDestinationAreRefused()
    {
        var task = BuiltInTasks.Load("diabetes");
        var model = ModelTraining.Fit(new ModelConfig { Hidden = [4], Epochs = 1 }, task, task.Train, null, 1);
        var raw = task.Raw.Test.Features.AsSpan(0, 3 * model.SampleSize).ToArray();
        Assert.Throws<InvalidOperationException>(() => model.PredictProbabilities(raw));
        Assert.Throws<ArgumentException>(() => model.Predict(raw, new double[2], []));
    }

    [Fact]
    public void DamagedAndForeignFilesAreRejected()
    {
        var task = BuiltInTasks.Load("iris");
        string path = Path.Combine(folder, "iris.model");
        ModelTraining.Fit(new ModelConfig { Hidden = [8], Epochs = 1 }, task, task.Train, null, 1).Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path));
        File.WriteAllText(path, "hello");
        Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path));
        Assert.Throws<FileNotFoundException>(() => TrainedModel.Load(Path.Combine(folder, "missing.model")));
        var model = TrainedModel.Load(Save(task));
        Assert.Throws<ArgumentException>(() => model.Predict(new float[5]));
    }

    private string Save(SearchTask task)
    {
        string path = Path.Combine(folder, "ok.model");
        ModelTraining.Fit(new ModelConfig { Hidden = [8], Epochs = 1 }, task, task.Train, null, 1).Save(path);
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
