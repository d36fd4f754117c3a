namespace Astrolabe.Tests.Pruners;

/// <summary>
/// Five Complete trials (minimise) whose curves at steps 0, 1, 2 are [10,8,6] [9,7,5] [8,6,4] [7,5,3] [6,4,2]:
/// at step 1 the values are 8, 7, 6, 5, 4, so the median is 6, the 25th percentile 5 and the 75th 7.
/// </summary>
public sealed class MedianPrunerTests
{
    private static Study History(StudyDirection direction = StudyDirection.Minimize, int trials = 5)
    {
        var study = Curves.NewStudy(direction);
        double[][] curves = [[10, 8, 6], [9, 7, 5], [8, 6, 4], [7, 5, 3], [6, 4, 2]];
        foreach (var c in curves.Take(trials))
        {
            Curves.Complete(study, c);
        }

        return study;
    }

    [Theory]
    [InlineData(6.5, true)] // best so far 6.5 > median 6
    [InlineData(5.5, false)] // 5.5 < 6
    [InlineData(6.0, false)] // equal to the median is not worse
    public void ATrialWorseThanTheMedianAtItsStepIsPruned(double atStep1, bool pruned)
    {
        var study = History();
        var trial = Curves.Running(study, 9, atStep1);
        Assert.Equal(pruned, Curves.Decide(new MedianPruner(), study, trial));
    }

    [Fact]
    public void TheTrialsBestValueOverAllStepsIsCompared()
    {
        // Step 1 reports 7 (> 6) but the trial's best is 5 from step 0, which beats the median 6.
        var study = History();
        Assert.False(Curves.Decide(new MedianPruner(), study, Curves.Running(study, 5, 7)));
    }

    [Fact]
    public void NothingIsPrunedBeforeTheStartupTrialsAreComplete()
    {
        var four = History(trials: 4);
        Assert.False(Curves.Decide(new MedianPruner(), four, Curves.Running(four, 9, 9)));
        Assert.True(Curves.Decide(new MedianPruner(new MedianPrunerOptions { NStartupTrials = 4 }), four, Curves.Running(four, 9, 9)));
    }

    [Fact]
    public void PrunedAndFailedTrialsDoNotCountTowardsTheMedian()
    {
        var study = History();
        for (int i = 0; i < 6; i++)
        {
            Curves.Finished(study, TrialState.Pruned, Curves.Steps(100, 100), 100);
        }

        // Were the six pruned trials counted, the median at step 1 would be 100 and 6.5 would be kept.
        Assert.True(Curves.Decide(new MedianPruner(), study, Curves.Running(study, 9, 6.5)));
    }

    [Fact]
    public void WarmupStepsAreNeverPruned()
    {
        var study = History();
        var pruner = new MedianPruner(new MedianPrunerOptions { NWarmupSteps = 2 });
        var trial = Curves.Running(study, 9, 9);
        Assert.False(Curves.Decide(pruner, study, trial)); // step 1 < 2
        trial.Report(9, 2);
        Assert.True(Curves.Decide(pruner, study, trial)); // step 2: 9 > median 4 of [6,5,4,3,2]
    }

    [Fact]
    public void ChecksHappenOnceAnInterval()
    {
        // Interval 2 from warm-up 0: checks at steps 0, 2, 4. At step 1 the last check point (0) was already seen.
        var study = History();
        var pruner = new MedianPruner(new MedianPrunerOptions { IntervalSteps = 2 });
        Assert.False(Curves.Decide(pruner, study, Curves.Running(study, 5, 9)));

        // The check point 0 had no report (the trial starts at step 1), so the check is postponed to step 1: 9 > median 6.
        Assert.True(Curves.Decide(pruner, study, Curves.RunningAt(study, (1, 9))));

        // A report at step 2 after step 0 is the first since check point 2: best 5 > median 4 of [6,5,4,3,2].
        Assert.True(Curves.Decide(pruner, study, Curves.RunningAt(study, (0, 5), (2, 9))));
    }

    [Fact]
    public void TooFewTrialsAtTheStepKeepTheTrial()
    {
        var study = History();
        Assert.False(Curves.Decide(new MedianPruner(new MedianPrunerOptions { NMinTrials = 6 }), study, Curves.Running(study, 9, 9)));
        Assert.True(Curves.Decide(new MedianPruner(new MedianPrunerOptions { NMinTrials = 5 }), study, Curves.Running(study, 9, 9)));
    }

    [Fact]
    public void ATrialThatReportedOnlyNaNIsPruned()
    {
        var study = History();
        Assert.True(Curves.Decide(new MedianPruner(), study, Curves.Running(study, double.NaN, double.NaN)));
        Assert.False(Curves.Decide(new MedianPruner(), study, Curves.Running(study, 5, double.NaN)));
    }

    [Theory]
    [InlineData(25, StudyDirection.Minimize, 5.5, true)] // 25th percentile of [4..8] is 5: 5.5 is worse
    [InlineData(25, StudyDirection.Minimize, 4.5, false)]
    [InlineData(25, StudyDirection.Maximize, 6.5, true)] // maximising keeps the top 25 %: threshold is the 75th percentile, 7
    [InlineData(25, StudyDirection.Maximize, 7.5, false)]
    [InlineData(10, StudyDirection.Minimize, 4.5, true)] // position 0.4 between 4 and 5: 4.4
    [InlineData(10, StudyDirection.Minimize, 4.3, false)]
    public void PercentilesInterpolateLinearly(double percentile, StudyDirection direction, double atStep1, bool pruned)
    {
        var study = History(direction);
        var worst = direction == StudyDirection.Minimize ? 100 : -100;
        var pruner = new PercentilePruner(new PercentilePrunerOptions { Percentile = percentile });
        Assert.Equal(pruned, Curves.Decide(pruner, study, Curves.Running(study, worst, atStep1)));
    }
}
