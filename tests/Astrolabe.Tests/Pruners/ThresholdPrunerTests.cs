namespace Astrolabe.Tests.Pruners;

public sealed class ThresholdPrunerTests
{
    [Theory]
    [InlineData(0.9, false)]
    [InlineData(1.5, true)] // above Upper = 1
    [InlineData(-0.1, true)] // below Lower = 0
    [InlineData(double.NaN, true)]
    [InlineData(0.0, false)] // the bounds themselves are inside
    public void TheLatestValueMustStayWithinTheBounds(double latest, bool pruned)
    {
        var study = Curves.NewStudy();
        var pruner = new ThresholdPruner(new ThresholdPrunerOptions { Lower = 0, Upper = 1 });
        Assert.Equal(pruned, Curves.Decide(pruner, study, Curves.Running(study, 0.5, latest)));
    }

    [Fact]
    public void OnlyTheLatestValueCounts()
    {
        // Step 0 was out of bounds, step 1 is back inside: kept.
        var study = Curves.NewStudy();
        var pruner = new ThresholdPruner(new ThresholdPrunerOptions { Upper = 1 });
        Assert.False(Curves.Decide(pruner, study, Curves.Running(study, 5, 0.5)));
    }

    [Fact]
    public void WarmupAndIntervalAreRespected()
    {
        var study = Curves.NewStudy();
        var pruner = new ThresholdPruner(new ThresholdPrunerOptions { Upper = 1, NWarmupSteps = 2, IntervalSteps = 3 });
        var trial = Curves.Running(study, 5, 5);
        Assert.False(Curves.Decide(pruner, study, trial)); // step 1 < warm-up 2
        trial.Report(5, 2);
        Assert.True(Curves.Decide(pruner, study, trial)); // check point 2
        trial.Report(5, 3);
        Assert.False(Curves.Decide(pruner, study, trial)); // next check point is 5
        trial.Report(5, 5);
        Assert.True(Curves.Decide(pruner, study, trial));
    }
}
