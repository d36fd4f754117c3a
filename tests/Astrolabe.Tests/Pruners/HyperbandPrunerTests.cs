namespace Astrolabe.Tests.Pruners;

public sealed class HyperbandPrunerTests
{
    private static readonly HyperbandPrunerOptions Max81 = new() { MinResource = 1, MaxResource = 81, ReductionFactor = 3 };

    // Optuna 3.1's HyperbandPruner._get_bracket_id for trials 0–19 (binascii.crc32 of "{study}_{number}").
    [Theory]
    [InlineData("demo", 81, 5, new[] { 0, 3, 2, 1, 0, 0, 0, 2, 0, 0, 4, 1, 0, 0, 3, 0, 0, 4, 1, 2 })]
    [InlineData("hb-study", 27, 4, new[] { 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 1, 0, 0, 0 })]
    [InlineData("x", 100, 5, new[] { 0, 0, 2, 0, 2, 0, 0, 2, 3, 1, 1, 0, 0, 4, 1, 0, 0, 0, 0, 1 })]
    public void BracketsAreThoseOfOptuna(string studyName, int maxResource, int brackets, int[] expected)
    {
        var study = Curves.NewStudy(name: studyName);
        var pruner = new HyperbandPruner(new HyperbandPrunerOptions { MaxResource = maxResource });
        Assert.Equal(brackets, pruner.BracketCount(study));
        Assert.Equal(expected, Enumerable.Range(0, 20).Select(n => pruner.BracketOf(study, new FrozenTrial { Number = n })));
    }

    [Fact]
    public void ATrialCompetesOnlyWithinItsBracket()
    {
        // Study "demo": trials 0, 4, 5, 6 are in bracket 0 (rungs at 1, 3, 9, 27), 1 in 3, 2 and 7 in 2, 3 in 1.
        var study = Curves.NewStudy(name: "demo");
        var pruner = new HyperbandPruner(Max81);
        foreach (double v in new[] { 0.1, 0.0, 0.05, 0.01 })
        {
            Curves.Finished(study, TrialState.Complete, Curves.Steps(v, v), v, new Dictionary<string, object?> { ["completed_rung_0"] = v });
        }

        // Trial 4: rung 0 of bracket 0 holds [0.1, 0.2]; index 0 is 0.1, so 0.2 is pruned.
        var four = Curves.Running(study, 1, 0.2);
        Assert.True(Curves.Decide(pruner, study, four));

        // Trial 5: [0.05, 0.1, 0.2], index 0: 0.05 is promoted. Counting the other brackets' 0.0, 0.05 and 0.01
        // would make it [0, 0.01, 0.05, 0.05, 0.1, 0.2], index 1 = 0.01, and prune it.
        var five = Curves.Running(study, 1, 0.05);
        Assert.False(Curves.Decide(pruner, study, five));

        // Trial 7 is in bracket 2, whose first rung is at 1 · 3² = 9: nothing happens at step 1.
        study.Ask();
        var seven = Curves.Running(study, 1, 5);
        Assert.Equal(7, seven.Number);
        Assert.Equal(2, pruner.BracketOf(study, seven.Snapshot));
        Assert.False(Curves.Decide(pruner, study, seven));
        Assert.False(study.Storage.GetTrial(seven.TrialId).SystemAttrs.ContainsKey("completed_rung_0"));

        var mates = pruner.TrialsInSameBracket(study, five.Snapshot, study.Trials);
        Assert.Equal([0, 4, 5, 6], mates.Select(t => t.Number));
        Assert.Equal([2, 7], pruner.TrialsInSameBracket(study, seven.Snapshot, study.Trials).Select(t => t.Number));

        // What samplers learn from: the history a sampler asks the study's pruner for is the trial's bracket.
        Assert.Equal([0, 4, 5, 6], pruner.FilterHistory(study, five.Snapshot, study.Trials).Select(t => t.Number));
        Assert.Equal([2, 7], pruner.FilterHistory(study, seven.Snapshot, study.Trials).Select(t => t.Number));
    }

    [Fact]
    public void AutoMaxResourceWaitsForACompleteTrialAndIsStoredInTheStudy()
    {
        var study = Curves.NewStudy(name: "demo");
        var pruner = new HyperbandPruner();
        var first = Curves.Running(study, 5, 5);
        Assert.Null(pruner.BracketCount(study));
        Assert.False(Curves.Decide(pruner, study, first));
        Assert.Equal(0, pruner.BracketOf(study, first.Snapshot));
        Assert.Single(pruner.TrialsInSameBracket(study, first.Snapshot, study.Trials));

        // Last step 80: MaxResource 81, log₃ 81 + 1 = 5 brackets, as with an explicit 81.
        Curves.Finished(study, TrialState.Complete, new Dictionary<long, double> { [80] = 0.1 }, 0.1);
        Assert.Equal(5, pruner.BracketCount(study));
        Assert.Equal(81L, study.SystemAttrs[HyperbandPruner.MaxResourceAttr]);
        Assert.Equal(3, pruner.BracketOf(study, study.Trials[1]));

        // A longer trial later changes nothing: the stored value wins, for this and every other pruner object.
        Curves.Finished(study, TrialState.Complete, new Dictionary<long, double> { [1000] = 0.1 }, 0.1);
        Assert.Equal(5, new HyperbandPruner().BracketCount(study));
    }

    [Fact]
    public void WorkersEstimatingAtOnceAgreeOnOneMaxResource()
    {
        // Eight pruner objects (eight workers) meet the first Complete trial together: the one that wins the
        // storage counter stores its estimate, and every one of them ends up with 5 brackets. (The counter
        // counts claims, not writes: several workers may claim before the winner has written, so only
        // "at least one claim" is certain.)
        var study = Curves.NewStudy(name: "demo");
        Curves.Finished(study, TrialState.Complete, new Dictionary<long, double> { [80] = 0.1 }, 0.1);
        var counts = new int?[8];
        Parallel.For(0, counts.Length, i => counts[i] = new HyperbandPruner().BracketCount(study));
        Assert.All(counts, c => Assert.Equal(5, c));
        Assert.Equal(81L, study.SystemAttrs[HyperbandPruner.MaxResourceAttr]);
        Assert.InRange(study.Storage.NextCounterValue(study.StudyId, HyperbandPruner.MaxResourceAttr), 1, counts.Length);
    }
}
