namespace Astrolabe.Tests.Pruners;

/// <summary>
/// MinResource 1 and ReductionFactor 2 put the rungs at steps 1, 2, 4, 8. A trial is promoted from a rung when
/// its value is at index max(⌊n/2⌋ − 1, 0) of the n sorted values recorded there, or better.
/// </summary>
public sealed class SuccessiveHalvingPrunerTests
{
    private static readonly SuccessiveHalvingPrunerOptions Rf2 = new() { MinResource = 1, ReductionFactor = 2 };

    private static Study WithRung0(StudyDirection direction, params double[] values)
    {
        var study = Curves.NewStudy(direction);
        foreach (double v in values)
        {
            Curves.Finished(study, TrialState.Complete, Curves.Steps(v, v), v, new Dictionary<string, object?> { ["completed_rung_0"] = v });
        }

        return study;
    }

    [Theory]
    [InlineData(StudyDirection.Minimize, 0.25, true)] // sorted [0.1, 0.2, 0.25, 0.3], index 1: needs ≤ 0.2
    [InlineData(StudyDirection.Minimize, 0.15, false)] // [0.1, 0.15, 0.2, 0.3]: 0.15 ≤ 0.15
    [InlineData(StudyDirection.Maximize, 0.25, false)] // second largest of [0.1, 0.2, 0.25, 0.3] is 0.25
    [InlineData(StudyDirection.Maximize, 0.15, true)] // second largest is 0.2
    public void ATrialIsPromotedOnlyFromTheTopOfItsRung(StudyDirection direction, double atStep1, bool pruned)
    {
        var study = WithRung0(direction, 0.1, 0.2, 0.3);
        var pruner = new SuccessiveHalvingPruner(Rf2);
        var trial = Curves.Running(study, 0.9);
        Assert.False(Curves.Decide(pruner, study, trial)); // step 0 is before the first rung
        Assert.False(study.Storage.GetTrial(trial.TrialId).SystemAttrs.ContainsKey("completed_rung_0"));
        trial.Report(atStep1, 1);
        Assert.Equal(pruned, Curves.Decide(pruner, study, trial));
        Assert.Equal(atStep1, study.Storage.GetTrial(trial.TrialId).SystemAttrs["completed_rung_0"]);
    }

    [Fact]
    public void EachRungComparesWithTheValuesRecordedAtThatRung()
    {
        var study = Curves.NewStudy();
        var attrs = new Dictionary<string, object?> { ["completed_rung_0"] = 0.1, ["completed_rung_1"] = 0.05 };
        Curves.Finished(study, TrialState.Complete, Curves.Steps(0.1, 0.1, 0.05), 0.05, attrs);
        Curves.Finished(study, TrialState.Pruned, Curves.Steps(0.3, 0.3, 0.3), 0.3, new Dictionary<string, object?> { ["completed_rung_0"] = 0.3, ["completed_rung_1"] = 0.3 });
        var pruner = new SuccessiveHalvingPruner(Rf2);
        var trial = Curves.Running(study, 0.9, 0.12);

        // Rung 0: [0.1, 0.12, 0.3], n = 3, index 0: 0.12 > 0.1, pruned.
        Assert.True(Curves.Decide(pruner, study, trial));

        // A better trial: rung 0 now holds [0.08, 0.1, 0.12, 0.3] (the first running trial recorded 0.12),
        // index 1 is 0.1, so 0.08 is promoted; at step 2 rung 1 holds [0.05, 0.07, 0.3]: index 0, 0.07 is pruned.
        var second = Curves.Running(study, 0.9, 0.08);
        Assert.False(Curves.Decide(pruner, study, second));
        second.Report(0.07, 2);
        Assert.True(Curves.Decide(pruner, study, second));
        Assert.Equal(0.07, study.Storage.GetTrial(second.TrialId).SystemAttrs["completed_rung_1"]);
    }

    [Fact]
    public void AJumpOverSeveralRungsRecordsEachOfThem()
    {
        var study = Curves.NewStudy();
        var pruner = new SuccessiveHalvingPruner(Rf2);
        var trial = Curves.RunningAt(study, (0, 1.0), (4, 0.5));
        Assert.False(Curves.Decide(pruner, study, trial)); // alone at rungs 0, 1, 2; rung 3 is at step 8
        var attrs = study.Storage.GetTrial(trial.TrialId).SystemAttrs;
        Assert.Equal(new object?[] { 0.5, 0.5, 0.5 }, new[] { attrs["completed_rung_0"], attrs["completed_rung_1"], attrs["completed_rung_2"] });
        Assert.False(attrs.ContainsKey("completed_rung_3"));
    }

    [Fact]
    public void BootstrapCountPrunesUntilTheRungHasEnoughTrials()
    {
        var pruner = new SuccessiveHalvingPruner(Rf2 with { BootstrapCount = 2 });
        var study = WithRung0(StudyDirection.Minimize, 0.5);
        Assert.True(Curves.Decide(pruner, study, Curves.Running(study, 0.9, 0.1))); // 2 values at the rung ≤ 2
        Assert.False(Curves.Decide(pruner, study, Curves.Running(study, 0.9, 0.05))); // 3 values (the one before counts): best of them
    }

    [Fact]
    public void MinEarlyStoppingRateMovesTheFirstRung()
    {
        var study = WithRung0(StudyDirection.Minimize, 0.1);
        var pruner = new SuccessiveHalvingPruner(Rf2 with { MinEarlyStoppingRate = 1 });
        var trial = Curves.Running(study, 0.9, 0.9);
        Assert.False(Curves.Decide(pruner, study, trial)); // first rung at 1 · 2¹ = 2
        trial.Report(0.9, 2);
        Assert.True(Curves.Decide(pruner, study, trial)); // [0.1, 0.9]: needs ≤ 0.1
    }

    [Fact]
    public void NaNAtARungIsPruned()
    {
        var study = Curves.NewStudy();
        Assert.True(Curves.Decide(new SuccessiveHalvingPruner(Rf2), study, Curves.Running(study, 0.5, double.NaN)));
    }

    [Fact]
    public void AutoMinResourceWaitsForACompleteTrialAndIsStoredInTheStudy()
    {
        var study = Curves.NewStudy();
        var pruner = new SuccessiveHalvingPruner();
        Assert.False(Curves.Decide(pruner, study, Curves.Running(study, 0.5, 0.5, 0.5)));
        Assert.False(study.SystemAttrs.ContainsKey(SuccessiveHalvingPruner.MinResourceAttr));

        // A Complete trial that ran to step 250: MinResource = 250 / 100 = 2, rungs at 2, 8, 32 (factor 4).
        Curves.Finished(study, TrialState.Complete, new Dictionary<long, double> { [250] = 0.1 }, 0.1);
        var trial = Curves.Running(study, 0.5, 0.5);
        Assert.False(Curves.Decide(pruner, study, trial));
        Assert.Equal(2L, study.SystemAttrs[SuccessiveHalvingPruner.MinResourceAttr]);
        trial.Report(0.5, 2);
        Assert.False(Curves.Decide(pruner, study, trial)); // alone at rung 0
        Assert.True(study.Storage.GetTrial(trial.TrialId).SystemAttrs.ContainsKey("completed_rung_0"));

        // Another pruner object (another worker) reads the stored value rather than estimating again.
        Curves.Finished(study, TrialState.Complete, new Dictionary<long, double> { [999] = 0.1 }, 0.1);
        var other = Curves.Running(study, 0.4, 0.4, 0.9);
        Assert.True(Curves.Decide(new SuccessiveHalvingPruner(), study, other)); // rung 0 at step 2: [0.5, 0.9], needs ≤ 0.5
    }
}
