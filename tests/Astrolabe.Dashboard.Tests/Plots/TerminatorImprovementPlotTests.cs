namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class TerminatorImprovementPlotTests
{
    [Fact]
    public void TheCurveIsTheRegretBoundOfTheFirstTrialsAndShrinksOnASolvedStudy()
    {
        var study = Trials.Search(80);
        var points = TerminatorImprovementPlot.Compute(study);

        // 20 … 80 Complete trials, at most 30 evenly spaced counts, the last always.
        Assert.Equal(30, points.Count);
        Assert.Equal(20, points[0].CompleteTrials);
        Assert.Equal(80, points[^1].CompleteTrials);
        Assert.Equal(79, points[^1].Number);

        // Each point is what the evaluator says of those trials.
        var first20 = study.Trials.Take(20).ToList();
        Assert.Equal(new RegretBoundEvaluator(seed: 0).Evaluate(first20, StudyDirection.Minimize), points[0].Improvement, 9);

        // x² sampled at random over [-1, 1]: the bound ends well below where it started.
        Assert.True(points[^1].Improvement < points[0].Improvement, $"{points[0].Improvement} → {points[^1].Improvement}");
    }

    [Fact]
    public void AppliesToSingleObjectiveStudiesWithTwentyToThreeHundredCompleteTrials()
    {
        var plot = new TerminatorImprovementPlot();
        Assert.False(plot.AppliesTo(Trials.Search(19)));
        Assert.True(plot.AppliesTo(Trials.Search(20)));
        Assert.False(plot.AppliesTo(Trials.Search(301)));
        var two = Trials.Of([StudyDirection.Minimize, StudyDirection.Maximize], [.. Trials.Search(30).Trials.Select(t => t with { Values = [1.0, 2.0] })]);
        Assert.False(plot.AppliesTo(two));
        Assert.Throws<ArgumentException>(() => TerminatorImprovementPlot.Compute(Trials.Search(10)));
    }

    [Fact]
    public void TheOptionDrawsOnePointPerEvaluation()
    {
        var option = new TerminatorImprovementPlot().Option(Trials.Search(25));
        Assert.Equal(6, option["series"]![0]!["data"]!.AsArray().Count);
        Assert.Equal("Terminator improvement", option["title"]!["text"]!.GetValue<string>());
    }
}
