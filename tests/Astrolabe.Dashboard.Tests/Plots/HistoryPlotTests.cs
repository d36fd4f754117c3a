namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class HistoryPlotTests
{
    [Fact]
    public void BestSoFarFollowsTheDirectionAndSkipsTrialsWithoutAValue()
    {
        var study = Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [5]),
            Trials.Make(1, TrialState.Pruned, [1]),
            Trials.Make(2, TrialState.Complete, [7]),
            Trials.Make(3, TrialState.Fail),
            Trials.Make(4, TrialState.Complete, [2]),
            Trials.Make(5, TrialState.Running),
            Trials.Make(6, TrialState.Complete, [3]));
        var points = HistoryPlot.Compute(study);
        Assert.Equal([0, 2, 4, 6], points.Select(p => p.Number));
        Assert.Equal([5.0, 7, 2, 3], points.Select(p => p.Value));
        Assert.Equal([5.0, 5, 2, 2], points.Select(p => p.BestSoFar));
    }

    [Fact]
    public void TheBestSoFarLineCountsFeasibleTrialsOnly()
    {
        static Dictionary<string, object?> Constraint(double c) => new() { ["constraints"] = new[] { c } };
        var study = Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [1], systemAttrs: Constraint(2)),
            Trials.Make(1, TrialState.Complete, [5], systemAttrs: Constraint(0)),
            Trials.Make(2, TrialState.Complete, [0], systemAttrs: Constraint(1)),
            Trials.Make(3, TrialState.Complete, [4], systemAttrs: Constraint(-1)));
        var points = HistoryPlot.Compute(study);
        Assert.True(double.IsNaN(points[0].BestSoFar));
        Assert.Equal([5.0, 5.0, 4.0], points.Skip(1).Select(p => p.BestSoFar));
        var line = new HistoryPlot().Option(study)["series"]![1]!["data"]!.AsArray();
        Assert.Equal([1.0, 3.0], line.Select(p => p![0]!.GetValue<double>()));
    }

    [Fact]
    public void MaximizingKeepsTheLargestValue()
    {
        var study = Trials.Of([StudyDirection.Maximize], Trials.Make(0, TrialState.Complete, [1]), Trials.Make(1, TrialState.Complete, [4]), Trials.Make(2, TrialState.Complete, [3]));
        Assert.Equal([1.0, 4, 4], HistoryPlot.Compute(study).Select(p => p.BestSoFar));
    }

    [Fact]
    public void TheOptionCarriesEveryPointOfASmallStudyAndSamplesALargeOne()
    {
        var small = new HistoryPlot().Option(Trials.Search(40));
        Assert.Equal(40, small["series"]![0]!["data"]!.AsArray().Count);
        Assert.Equal("", small["title"]!["subtext"]!.GetValue<string>());

        var large = new HistoryPlot().Option(Trials.Search(12_000));
        Assert.Equal(Plot.MaxPoints, large["series"]![0]!["data"]!.AsArray().Count);
        Assert.Contains("5,000 of 12,000 trials shown", large["title"]!["subtext"]!.GetValue<string>(), StringComparison.Ordinal);

        // The best-so-far line keeps every improvement even when the scatter is sampled.
        int improvements = HistoryPlot.Compute(Trials.Search(12_000)).Select(p => p.BestSoFar).Distinct().Count();
        Assert.True(large["series"]![1]!["data"]!.AsArray().Count >= improvements);
    }

    [Fact]
    public void AnObjectiveOutOfRangeIsRefusedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HistoryPlot.Compute(Trials.Search(3), objective: 1));
        Assert.Contains("The study has 1 objective(s)", e.Message, StringComparison.Ordinal);
    }
}
