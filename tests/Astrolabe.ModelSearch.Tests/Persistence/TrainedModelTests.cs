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
