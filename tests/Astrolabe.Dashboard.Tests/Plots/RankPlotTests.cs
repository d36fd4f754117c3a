namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class RankPlotTests
{
    [Fact]
    public void TrialsSitAtTheTwoMostImportantParametersRankedFromBestToWorst()
    {
        var study = Trials.Search(60);
        var (names, points) = RankPlot.Compute(study);
        var importances = ParamImportancePlot.Compute(study)[0].Importances;
        Assert.Equal(importances.Take(2).Select(p => p.Key), names);
        Assert.Equal(60, points.Count);

        // value = x²: the best trial has rank 0, the worst rank 1, and ranks grow with the value.
        var best = points.MinBy(p => p.Value)!;
        var worst = points.MaxBy(p => p.Value)!;
        Assert.Equal(0, best.Rank);
        Assert.Equal(1, worst.Rank);
        var byValue = points.OrderBy(p => p.Value).Select(p => p.Rank).ToList();
        Assert.Equal(byValue.Order(), byValue);
        var trial = study.Trials.Single(t => t.Number == best.Number);
        Assert.Equal(trial.InternalParams[names[0]], best.X);
    }

    [Fact]
    public void MaximisingReversesTheRanksAndOneParameterPlotsAgainstTheValue()
    {
        var f = new FloatDistribution(0, 1);
        var trials = Enumerable.Range(0, 10).Select(i => Trials.Make(i, TrialState.Complete, [i], [("a", i / 10.0, f)])).ToArray();
        var (names, points) = RankPlot.Compute(Trials.Of([StudyDirection.Maximize], trials));
        Assert.Equal(["a"], names);
        Assert.Equal(0, points.Single(p => p.Number == 9).Rank);
        Assert.Equal(1, points.Single(p => p.Number == 0).Rank);
        Assert.Equal(9, points.Single(p => p.Number == 9).Y);
    }

    [Fact]
    public void AppliesToSingleObjectiveStudiesOnly()
    {
        var plot = new RankPlot();
        Assert.True(plot.AppliesTo(Trials.Search(10)));
        var two = Trials.Of([StudyDirection.Minimize, StudyDirection.Maximize], [.. Trials.Search(10).Trials.Select(t => t with { Values = [t.Values![0], 2.0] })]);
        Assert.False(plot.AppliesTo(two));
        Assert.Throws<ArgumentException>(() => RankPlot.Compute(two));
        var option = plot.Option(Trials.Search(10));
        Assert.Equal(10, option["series"]![0]!["data"]!.AsArray().Count);
    }
}
