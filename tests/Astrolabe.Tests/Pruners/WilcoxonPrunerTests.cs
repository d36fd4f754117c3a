namespace Astrolabe.Tests.Pruners;

/// <summary>
/// The best trial scored 1 on each of 8 folds. The trial under test differs from it by
/// d = [1.5, 2.25, −0.5, 3, 0.75, 4, −1.25, 2.5]. Ranking |d|: 0.5→1, 0.75→2, 1.25→3, 1.5→4, 2.25→5, 2.5→6,
/// 3→7, 4→8, so R+ = 4+5+7+2+8+6 = 32 of 36. R+ ≥ 32 means R− ≤ 4: the subsets of 1..8 summing to at most 4
/// are {}, {1}, {2}, {3}, {4}, {1,2}, {1,3}: p = 7/256 ≈ 0.0273 that the trial is worse (minimising).
/// </summary>
public sealed class WilcoxonPrunerTests
{
    private static readonly double[] D = [1.5, 2.25, -0.5, 3, 0.75, 4, -1.25, 2.5];

    private static (Study Study, Trial Trial) Setup(StudyDirection direction, double bestValue = 1)
    {
        var study = Curves.NewStudy(direction);
        Curves.Finished(study, TrialState.Complete, Curves.Steps(Enumerable.Repeat(1.0, 8).ToArray()), bestValue);
        return (study, Curves.Running(study, D.Select(d => 1 + d).ToArray()));
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(0.03, true)]
    [InlineData(0.027, false)] // 7/256 = 0.02734 is not below 0.027
    public void ATrialSignificantlyWorseThanTheBestIsPruned(double threshold, bool pruned)
    {
        var (study, trial) = Setup(StudyDirection.Minimize);
        Assert.Equal(pruned, Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = threshold }), study, trial));
    }

    [Fact]
    public void MaximisingTheSameFoldsMakesTheTrialBetterNotWorse()
    {
        // The alternative becomes "less": p = P(R+ ≤ 32) = 1 − P(R− ≤ 3) = 1 − 5/256 ≈ 0.980.
        var (study, trial) = Setup(StudyDirection.Maximize);
        Assert.False(Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 0.5 }), study, trial));
    }

    [Fact]
    public void ATrialWhoseMeanIsNoWorseThanTheBestValueIsKept()
    {
        // The best trial's final value 3 is worse than this trial's mean 1 + 12.25 / 8 ≈ 2.53.
        var (study, trial) = Setup(StudyDirection.Minimize, bestValue: 3);
        Assert.False(Curves.Decide(new WilcoxonPruner(), study, trial));
    }

    [Fact]
    public void StartupStepsCountTheFoldsSharedWithTheBest()
    {
        var (study, trial) = Setup(StudyDirection.Minimize);
        Assert.False(Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { NStartupSteps = 9 }), study, trial));
        Assert.True(Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { NStartupSteps = 8 }), study, trial));
    }

    [Fact]
    public void FoldsArePairedByStepInAnyOrder()
    {
        // The best trial saw folds 10, 3, 7, 5 with values 1, 2, 3, 4; the trial reports them in another order,
        // worse by 1, 2, 3, 4 (folds 10, 3, 7, 5), plus fold 99 the best never saw, which is left out of the test.
        // Four positive differences with distinct ranks: R+ = 10, the maximum, p = 1/16 = 0.0625.
        var study = Curves.NewStudy();
        Curves.Finished(study, TrialState.Complete, new Dictionary<long, double> { [10] = 1, [3] = 2, [7] = 3, [5] = 4 }, 2.5);
        var trial = Curves.RunningAt(study, (7, 6.0), (99, 20.0), (10, 2.0), (5, 8.0), (3, 4.0));
        Assert.False(Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 0.0625 }), study, trial));
        Assert.True(Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 0.07 }), study, trial));
    }

    [Fact]
    public void NonFiniteValuesOrNoCompleteTrialKeepTheTrial()
    {
        var empty = Curves.NewStudy();
        Assert.False(Curves.Decide(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1 }), empty, Curves.Running(empty, 5, 5)));
        var (study, _) = Setup(StudyDirection.Minimize);
        var infinite = Curves.Running(study, [.. D.Select(d => 1 + d), double.PositiveInfinity]);
        Assert.False(Curves.Decide(new WilcoxonPruner(), study, infinite));
    }
}
