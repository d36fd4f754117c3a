namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class HypervolumeHistoryPlotTests
{
    private static readonly StudyDirection[] MinMin = [StudyDirection.Minimize, StudyDirection.Minimize];

    [Fact]
    public void TheCurveGrowsWithEachTrialThatExtendsTheFront()
    {
        var study = Trials.Of(MinMin,
            Trials.Make(0, TrialState.Complete, [2, 2]),
            Trials.Make(1, TrialState.Complete, [3, 3]),  // dominated: no change
            Trials.Make(2, TrialState.Pruned, [0, 0]),    // not Complete: no point
            Trials.Make(3, TrialState.Complete, [1, 3]),
            Trials.Make(4, TrialState.Complete, [0, 0]));
        var points = HypervolumeHistoryPlot.Compute(study, [4, 4]);
        Assert.Equal([0, 1, 3, 4], points.Select(p => p.Number));
        Assert.Equal([4.0, 4, 5, 16], points.Select(p => p.Hypervolume));
    }

    [Fact]
    public void MaximisedObjectivesTakeTheirReferenceBelowAndInfeasibleTrialsAddNothing()
    {
        StudyDirection[] minMax = [StudyDirection.Minimize, StudyDirection.Maximize];
        var study = Trials.Of(minMax,
            Trials.Make(0, TrialState.Complete, [1, 3], systemAttrs: new() { ["constraints"] = new List<object?> { -1.0, 0.0 } }),
            Trials.Make(1, TrialState.Complete, [0, 5], systemAttrs: new() { ["constraints"] = new List<object?> { 0.5, -1.0 } }),
            Trials.Make(2, TrialState.Complete, [2, 4]));
        var points = HypervolumeHistoryPlot.Compute(study, [4, 0]);
        Assert.Equal([9.0, 9, 9 + 2], points.Select(p => p.Hypervolume));
    }

    [Fact]
    public void WithoutAReferencePointTheWorstValuesMovedATenthOfTheRangeServe()
    {
        var study = Trials.Of(MinMin, Trials.Make(0, TrialState.Complete, [0, 10]), Trials.Make(1, TrialState.Complete, [10, 0]));
        var points = HypervolumeHistoryPlot.Compute(study);

        // Reference (11, 11): the first trial's box is 11 × 1, the second adds 1 × 11 less their shared 1 × 1.
        Assert.Equal([11.0, 21], points.Select(p => p.Hypervolume));
        Assert.Equal(2, new HypervolumeHistoryPlot().Option(study)["series"]![0]!["data"]!.AsArray().Count);
    }

    [Fact]
    public void ItAppliesToSeveralObjectivesOnlyAndRefusesABadReferencePoint()
    {
        Assert.False(new HypervolumeHistoryPlot().AppliesTo(Trials.Search(3)));
        Assert.True(new HypervolumeHistoryPlot().AppliesTo(Trials.Of(MinMin, Trials.Make(0, TrialState.Complete, [1, 1]))));
        var study = Trials.Of(MinMin, Trials.Make(0, TrialState.Complete, [1, 1]));
        Assert.Contains("3 values", Assert.Throws<ArgumentException>(() => HypervolumeHistoryPlot.Compute(study, [1, 2, 3])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => new HypervolumeHistoryPlot([1, double.NaN])).Message);
        Assert.Contains("several objectives", Assert.Throws<ArgumentException>(() => HypervolumeHistoryPlot.Compute(Trials.Search(3))).Message);
    }

    [Fact]
    public void ALongStudyIsEvaluatedAtEvenlySpacedTrialsEndingWithTheExactVolume()
    {
        int n = 3 * HypervolumeHistoryPlot.MaxEvaluations;
        var trials = Enumerable.Range(0, n).Select(i => Trials.Make(i, TrialState.Complete, [i, n - i, 1.0])).ToArray();
        var points = HypervolumeHistoryPlot.Compute(Trials.Of([StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize], trials), [n, n, 2]);
        Assert.Equal(n, points.Count);
        Assert.True(points.Select(p => p.Hypervolume).Distinct().Count() <= HypervolumeHistoryPlot.MaxEvaluations + 1);
        Assert.Equal(Hypervolume.Compute([.. trials.Select(t => t.Values!)], [n, n, 2.0]), points[^1].Hypervolume, 9);
    }
}
