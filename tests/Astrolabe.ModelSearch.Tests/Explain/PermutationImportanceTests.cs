using Astrolabe.Nn.Data;

namespace Astrolabe.ModelSearch.Tests.Explain;

public sealed class PermutationImportanceTests
{
    [Fact]
    public void FeaturesTheModelIgnoresDropNothingAndUsedOnesDropTheScore()
    {
        var model = Models.Ignoring(5, [0, 3]);
        var data = Labelled(model, rows: 200, seed: 1);
        var result = new PermutationImportance { Repeats = 4, Seed = 7 }.Compute(model, data);
        Assert.Equal(1.0, result.BaselineScore);
        Assert.Equal("accuracy", result.MetricName);
        Assert.Equal(5, result.Features.Count);
        Assert.All(new[] { 0, 3 }, i => Assert.All(result.Features[i].Drops, d => Assert.Equal(0.0, d)));
        Assert.True(result.Ranked()[0].Mean > 0.05, $"the most important feature drops {result.Ranked()[0].Mean}");
        Assert.Equal(["feature 0", "feature 1", "feature 2", "feature 3", "feature 4"], result.Features.Select(f => f.Group.Name));
    }

    [Fact]
    public void MeanAndStdAreThoseOfTheDropsAsNumPyComputesThem()
    {
        var (model, task) = Models.Wine;
        var result = new PermutationImportance { Repeats = 6, Seed = 3 }.Compute(model, task.Raw.Test);
        Assert.Equal(model.Score(task.Test), result.BaselineScore, 10);
        foreach (var f in result.Features)
        {
            Assert.Equal(6, f.Drops.Length);
            double mean = f.Drops.Average();
            Assert.Equal(mean, f.Mean, 12);
            Assert.Equal(Math.Sqrt(f.Drops.Sum(d => (d - mean) * (d - mean)) / 6), f.Std, 12);
            // Accuracy steps by 1/rows.
            Assert.All(f.Drops, d => Assert.Equal(Math.Round(d * result.Rows), d * result.Rows, 6));
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameDropsAndAnotherSeedOthers()
    {
        var (model, task) = Models.Wine;
        var a = new PermutationImportance { Repeats = 3, Seed = 5 }.Compute(model, task.Raw.Test);
        var b = new PermutationImportance { Repeats = 3, Seed = 5 }.Compute(model, task.Raw.Test);
        var c = new PermutationImportance { Repeats = 3, Seed = 6 }.Compute(model, task.Raw.Test);
        Assert.Equal(a.Features.Select(f => f.Drops), b.Features.Select(f => f.Drops));
        Assert.NotEqual(a.Features.Select(f => f.Drops), c.Features.Select(f => f.Drops));
    }

    [Fact]
    public void RegressionDropsAreRmseIncreases()
    {
        var (model, task) = Models.Diabetes;
        var result = new PermutationImportance { Repeats = 3 }.Compute(model, task.Raw.Test);
        Assert.Equal("rmse", result.MetricName);
        Assert.Equal(model.Score(task.Test), result.BaselineScore, 3);
        Assert.True(result.Ranked()[0].Mean > 1, $"permuting the most important feature raises the RMSE by {result.Ranked()[0].Mean}");
    }

    [Fact]
    public void ImagePatchesAreGroupedAndPermutedTogether()
    {
        var groups = FeatureGroup.Patches([1, 8, 8], 3);
        Assert.Equal(9, groups.Count);
        Assert.Equal("rows 0–2, columns 0–2", groups[0].Name);
        Assert.Equal([0, 1, 2, 8, 9, 10, 16, 17, 18], groups[0].Features);
        Assert.Equal([54, 55, 62, 63], groups[^1].Features);
        Assert.Equal(64, groups.Sum(g => g.Features.Length));
        Assert.Equal("pixel (2, 5)", FeatureGroup.Patches([1, 8, 8], 1)[21].Name);
        Assert.Equal(2 * 16, FeatureGroup.Patches([2, 4, 4], 4)[0].Features.Length);
        Assert.Equal("value (1, 0, 2)", FeatureGroup.NameOf([2, 4, 4], 18));

        var (cnn, digits) = Models.Digits;
        var rows = digits.Raw.Test.Subset([.. Enumerable.Range(0, 100)]);
        var result = new PermutationImportance { Repeats = 2, Groups = FeatureGroup.Patches([1, 8, 8], 4) }.Compute(cnn, rows);
        Assert.Equal(4, result.Features.Count);
        Assert.True(result.Ranked()[0].Mean > 0.05, $"the most important quarter drops {result.Ranked()[0].Mean}");
    }

    [Fact]
    public void RowsThatDoNotFitTheModelAreRejectedWithAReason()
    {
        var model = Models.Ignoring(5, []);
        Assert.Contains("samples of 5 values; the rows have 4", Assert.Throws<ArgumentException>(() => new PermutationImportance().Compute(model, new Dataset(new float[8], [4], labels: [0, 1]))).Message, StringComparison.Ordinal);
        Assert.Contains("need labels", Assert.Throws<ArgumentException>(() => new PermutationImportance().Compute(model, new Dataset(new float[10], [5], targets: [0, 1]))).Message, StringComparison.Ordinal);
        Assert.Contains("at least two rows", Assert.Throws<ArgumentException>(() => new PermutationImportance().Compute(model, new Dataset(new float[5], [5], labels: [0]))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PermutationImportance { Groups = [new FeatureGroup("x", [5])] }.Compute(model, new Dataset(new float[10], [5], labels: [0, 1])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PermutationImportance { Repeats = 0 }.Compute(model, new Dataset(new float[10], [5], labels: [0, 1])));
    }

    /// <summary>Random rows labelled with the model's own predictions (so the baseline accuracy is 1).</summary>
    private static Dataset Labelled(TrainedModel model, int rows, int seed)
    {
        var rng = new Nn.Rng(seed);
        var x = new float[rows * model.SampleSize];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextNormal() * 3);
        }

        var labels = Array.ConvertAll(model.Predict(x), p => (int)p);
        return new Dataset(x, [model.SampleSize], labels: labels);
    }
}
