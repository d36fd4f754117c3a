using Astrolabe.Nn.Data;

namespace Astrolabe.ModelSearch.Tests.Tasks;

public sealed class PreprocessingTests
{
    [Fact]
    public void RegressionTargetsAreStandardisedAndMappedBack()
    {
        var data = new Dataset([1, 2, 3, 4], [1], targets: [10, 20, 30, 40]);
        var p = Preprocessing.Standardize(data);
        Assert.Equal(25, p.TargetOffset, 5);
        Assert.Equal(Math.Sqrt(125), p.TargetScale, 4);
        var scaled = p.Apply(data);
        Assert.Equal(0, scaled.Targets!.Average(), 5);
        Assert.Equal(40, p.UnscaleTarget(scaled.Targets![3]), 4);
    }

    [Fact]
    public void OneGlobalStatisticScalesEveryPixel()
    {
        var data = new Dataset([0, 0, 1, 1, 0, 0, 1, 1], [1, 2, 2], labels: [0, 1]);
        var p = Preprocessing.Global(data);
        Assert.Equal([0.5f], p.Offset);
        Assert.Equal([0.5f], p.Scale);
        Assert.Equal([-1f, -1f, 1f, 1f, -1f, -1f, 1f, 1f], p.Apply(data).Features);
    }

    [Fact]
    public void MismatchedStatisticsAreRejected()
    {
        var p = new Preprocessing([0, 0, 0], [1, 1, 1]);
        Assert.Throws<ArgumentException>(() => p.ApplyFeatures(new float[4], new float[4], 4));
    }
}
