namespace Astrolabe.ModelSearch.Tests.Tasks;

public sealed class BuiltInTasksTests
{
    [Theory]
    [InlineData("mnist10k", 7000, 1000, 2000, 10, true, 784)]
    [InlineData("digits", 1079, 359, 359, 10, true, 64)]
    [InlineData("breast_cancer", 341, 114, 114, 2, false, 30)]
    [InlineData("wine", 106, 36, 36, 3, false, 13)]
    [InlineData("iris", 90, 30, 30, 3, false, 4)]
    [InlineData("diabetes", 266, 88, 88, 1, false, 10)]
    public void EveryShippedDatasetLoadsWithItsDocumentedSplit(string name, int train, int validation, int test, int outputs, bool image, int features)
    {
        var task = BuiltInTasks.Load(name);
        Assert.Equal((train, validation, test), (task.Train.Count, task.Validation.Count, task.Test.Count));
        Assert.Equal(outputs, task.Outputs);
        Assert.Equal(image, task.IsImage);
        Assert.Equal(features, task.Train.SampleSize);
        Assert.Equal(name != "diabetes", task.IsClassification);
        Assert.Equal(name == "diabetes" ? StudyDirection.Minimize : StudyDirection.Maximize, task.Direction);
    }

    [Fact]
    public void TheSplitIsTheSameEveryTimeAndTheTrainingPartIsStandardised()
    {
        var a = BuiltInTasks.Load("wine");
        var b = BuiltInTasks.Load("wine");
        Assert.Equal(a.Raw.Test.Features, b.Raw.Test.Features);
        for (int j = 0; j < a.Train.SampleSize; j++)
        {
            var column = Enumerable.Range(0, a.Train.Count).Select(i => (double)a.Train.Features[(i * a.Train.SampleSize) + j]).ToList();
            Assert.Equal(0, column.Average(), 4);
            Assert.Equal(1, Math.Sqrt(column.Average(v => v * v)), 3);
        }
    }

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInTasks.Load("cifar10"));
        Assert.Contains("mnist10k, digits, breast_cancer, wine, iris, diabetes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mnist10k")]
    [InlineData("MNIST10K")]
    [InlineData("iris")]
    [InlineData("diabetes")]
    public void TheTestPartAloneIsTheTasksRawTestPart(string name)
    {
        var task = BuiltInTasks.Load(name);
        var test = BuiltInTasks.LoadTestPart(name);
        Assert.Equal(task.Raw.Test.Features, test.Features);
        Assert.Equal(task.Raw.Test.Labels, test.Labels);
        Assert.Equal(task.Raw.Test.Targets, test.Targets);
        Assert.Equal(task.Raw.Test.SampleShape, test.SampleShape);
    }
}
