using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard.Tests.Plots;

/// <summary>Large studies are sampled down, keeping what matters: improvements, the best trials, every curve's ends.</summary>
public sealed class SamplingTests
{
    private static List<int> Numbers(JsonNode series, int numberAt) =>
        series["data"]!.AsArray().Select(p => (int)p![numberAt]!.GetValue<double>()).ToList();

    [Fact]
    public void ASampleKeepsTheMarkedItemsAndFillsTheBudgetEvenly()
    {
        var items = Enumerable.Range(0, 100).ToList();
        var keep = new bool[100];
        keep[3] = keep[4] = keep[50] = true;
        var sample = Dashboard.PlotValues.Sample(items, 10, keep);
        Assert.Equal(10, sample.Count);
        Assert.Contains(3, sample);
        Assert.Contains(4, sample);
        Assert.Contains(50, sample);
        Assert.Equal(0, sample[0]);
        Assert.Equal(99, sample[^1]);
        Assert.Equal(sample.Order(), sample);
        Assert.Same(items, Dashboard.PlotValues.Sample(items, 100, keep));
    }

    [Fact]
    public void TheSampledHistoryKeepsEveryImprovement()
    {
        var study = Trials.Search(12_000);
        var points = HistoryPlot.Compute(study);
        var improvements = points.Where((p, i) => i == 0 || p.BestSoFar != points[i - 1].BestSoFar).Select(p => p.Number).ToList();
        var option = new HistoryPlot().Option(study);
        var shown = Numbers(option["series"]![0]!, 0);
        Assert.Equal(Plot.MaxPoints, shown.Count);
        Assert.Empty(improvements.Except(shown));
        Assert.Contains("every improvement", option["title"]!["subtext"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void SampledParallelLinesAndSlicePointsKeepTheBestTrials()
    {
        var study = Trials.Search(12_000);
        int share = Dashboard.PlotValues.BestShare(Plot.MaxPoints);
        var best = study.Trials.OrderBy(t => t.Values![0]).ThenBy(t => t.Number).Take(share).Select(t => t.Values![0]).ToList();

        var parallel = new ParallelCoordinatePlot().Option(study);
        var lines = parallel["series"]![0]!["data"]!.AsArray().Select(l => l!.AsArray()[^1]!.GetValue<double>()).ToList();
        Assert.Equal(Plot.MaxPoints, lines.Count);
        Assert.Empty(best.Except(lines));

        var slice = new SlicePlot().Option(study);
        foreach (var panel in slice["series"]!.AsArray())
        {
            var values = panel!["data"]!.AsArray().Select(p => p![1]!.GetValue<double>()).ToList();
            Assert.Equal(Plot.MaxPoints / 3, values.Count);
            Assert.Empty(best.Take(Dashboard.PlotValues.BestShare(Plot.MaxPoints / 3)).Except(values));
        }
    }

    [Fact]
    public void LongLearningCurvesShareTheIntermediatePlotsBudget()
    {
        var trials = Enumerable.Range(0, 400)
            .Select(i => Trials.Make(i, TrialState.Complete, [1], steps: Enumerable.Range(0, 1000).Select(s => ((long)s, 1.0 / (s + 1 + i))).ToArray()))
            .ToArray();
        var option = new IntermediatePlot().Option(Trials.Minimize(trials));
        var series = option["series"]!.AsArray();
        Assert.Equal(IntermediatePlot.MaxCurves, series.Count);
        Assert.True(series.Sum(s => s!["data"]!.AsArray().Count) <= IntermediatePlot.MaxTotalPoints);
        var last = series[^1]!["data"]!.AsArray();
        Assert.Equal(999, last[^1]![0]!.GetValue<double>()); // a thinned curve still ends at its last step
        Assert.Contains("each curve thinned to at most 66 evenly spaced steps", option["title"]!["subtext"]!.GetValue<string>(), StringComparison.Ordinal);

        var shortCurves = Enumerable.Range(0, 20)
            .Select(i => Trials.Make(i, TrialState.Complete, [1], steps: Enumerable.Range(0, 400).Select(s => ((long)s, 1.0 / (s + 1))).ToArray()))
            .ToArray();
        var small = new IntermediatePlot().Option(Trials.Minimize(shortCurves));
        Assert.All(small["series"]!.AsArray(), s => Assert.Equal(400, s!["data"]!.AsArray().Count));
        Assert.DoesNotContain("thinned", small["title"]!["subtext"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
