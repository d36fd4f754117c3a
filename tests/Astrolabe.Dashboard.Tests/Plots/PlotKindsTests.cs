namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class PlotKindsTests
{
    [Fact]
    public void EveryKindIsFoundByNameAndAnUnknownOneIsRefused()
    {
        Assert.Equal(["history", "intermediate", "parallel", "slice", "contour", "importance", "rank", "edf", "timeline", "pareto", "hypervolume", "terminator", "cost"], Dashboard.Plots.All.Select(p => p.Kind));
        Assert.IsType<EdfPlot>(Dashboard.Plots.Get("EDF"));
        var e = Assert.Throws<ArgumentException>(() => Dashboard.Plots.Get("shap"));
        Assert.StartsWith("Unknown plot kind 'shap'; use one of: history, intermediate,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryApplicableOptionSerialisesForALargeStudy()
    {
        var study = Trials.Search(20_000);
        foreach (var plot in Dashboard.Plots.For(study))
        {
            string json = plot.Option(study).ToJsonString();
            Assert.True(json.Length < 2_000_000, $"{plot.Kind} ships {json.Length} characters");
        }
    }

    [Fact]
    public void TheEdfCountsValuesAtOrBelowEachDistinctValue()
    {
        var study = Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [3]), Trials.Make(1, TrialState.Complete, [1]),
            Trials.Make(2, TrialState.Complete, [3]), Trials.Make(3, TrialState.Pruned, [0]), Trials.Make(4, TrialState.Complete, [2]));
        var edf = EdfPlot.Compute(study);
        Assert.Equal([1.0, 2, 3], edf.Select(p => p.Value));
        Assert.Equal([0.25, 0.5, 1.0], edf.Select(p => p.Fraction));
    }

    [Fact]
    public void TheTimelineUsesWorkerIdsOrTheFirstFreeLane()
    {
        var lanes = TimelinePlot.Compute(Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [1], startSeconds: 0, endSeconds: 10),
            Trials.Make(1, TrialState.Complete, [1], startSeconds: 1, endSeconds: 3),
            Trials.Make(2, TrialState.Pruned, [1], startSeconds: 3, endSeconds: 4),
            Trials.Make(3, TrialState.Complete, [1], startSeconds: 3.5, endSeconds: 5),
            Trials.Make(4, TrialState.Running, startSeconds: 11)));
        Assert.Equal(["lane 0", "lane 1", "lane 1", "lane 2", "lane 0"], lanes.Select(b => b.Worker));
        Assert.Equal(Trials.T0.AddSeconds(11), lanes[^1].End); // running: drawn up to the latest time known

        var named = TimelinePlot.Compute(Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [1], systemAttrs: new() { [TimelinePlot.WorkerIdKey] = "host-a:1" }),
            Trials.Make(1, TrialState.Complete, [1], systemAttrs: new() { [TimelinePlot.WorkerIdKey] = 7L })));
        Assert.Equal(["host-a:1", "7"], named.Select(b => b.Worker));
    }

    [Fact]
    public void TheContourKeepsTheBestValuePerCell()
    {
        var x = new FloatDistribution(0, 20);
        var act = new CategoricalDistribution(["relu", "tanh"]);
        var grid = ContourPlot.Compute(Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [5], [("x", 0.2, x), ("act", 1, act)]),
            Trials.Make(1, TrialState.Complete, [2], [("x", 0.7, x), ("act", 1, act)]),
            Trials.Make(2, TrialState.Complete, [9], [("x", 19.9, x), ("act", 0, act)]),
            Trials.Make(3, TrialState.Complete, [1], [("x", 0.5, x)])), "x", "act");
        Assert.Equal(["relu", "tanh"], grid.YLabels);
        Assert.Equal(20, grid.XLabels.Count);
        Assert.Equal(2, grid.Cells[0][1]);
        Assert.Equal(9, grid.Cells[19][0]);
        Assert.Null(grid.Cells[0][0]);
        Assert.Equal(3, grid.TrialCount);
        var e = Assert.Throws<ArgumentException>(() => ContourPlot.Compute(Trials.Search(3), "x", "nope"));
        Assert.StartsWith("The study has no parameter 'nope'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionalSearchSpacesDrawTheMostCommonParameterSet()
    {
        var f = new FloatDistribution(0, 1);
        var study = Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [1], [("a", 0.1, f), ("b", 0.2, f)]),
            Trials.Make(1, TrialState.Complete, [2], [("a", 0.3, f), ("c", 0.4, f)]),
            Trials.Make(2, TrialState.Complete, [3], [("a", 0.5, f), ("c", 0.6, f)]));
        Assert.Equal(["a", "c"], ParallelCoordinatePlot.Axes(study));
        Assert.Equal([1, 2], ParallelCoordinatePlot.Compute(study, ["a", "c"]).Select(l => l.Number));
        Assert.Equal(("a", "c"), ContourPlot.DefaultPair(study));
        Assert.Equal([0.4, 0.6], SlicePlot.Compute(study, "c").Select(p => p.Param));
    }
}
