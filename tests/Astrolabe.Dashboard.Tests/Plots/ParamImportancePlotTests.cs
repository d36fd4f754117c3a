namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class ParamImportancePlotTests
{
    [Fact]
    public void TheBarsAreTheFanovaImportancesMostImportantOnTop()
    {
        var study = Trials.Search(120);
        var series = Assert.Single(ParamImportancePlot.Compute(study));
        var expected = ParamImportances.FromTrials(study.Trials, study.Directions, new FanovaImportanceEvaluator(seed: 0));
        Assert.Equal(expected, series.Importances);
        Assert.Equal("x", series.Importances[0].Key);

        var option = new ParamImportancePlot().Option(study);
        var names = option["yAxis"]!["data"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(expected.Keys.Reverse(), names);
        Assert.Equal(Math.Round(expected["x"], 3), option["series"]![0]!["data"]![names.Count - 1]!.GetValue<double>());
    }

    [Fact]
    public void SeveralObjectivesGetOneSeriesEach()
    {
        var f = new FloatDistribution(0, 1);
        var rng = new Random(3);
        var trials = Enumerable.Range(0, 80).Select(i =>
        {
            double a = rng.NextDouble(), b = rng.NextDouble();
            return Trials.Make(i, TrialState.Complete, [a, b], [("a", a, f), ("b", b, f)]);
        }).ToArray();
        var series = ParamImportancePlot.Compute(Trials.Of([StudyDirection.Minimize, StudyDirection.Maximize], trials));
        Assert.Equal([0, 1], series.Select(s => s.Objective));
        Assert.Equal("a", series[0].Importances[0].Key);
        Assert.Equal("b", series[1].Importances[0].Key);
    }

    [Fact]
    public void AppliesOnlyWhenAParameterAndTheObjectiveVary()
    {
        var plot = new ParamImportancePlot();
        Assert.True(plot.AppliesTo(Trials.Search(5)));
        Assert.False(plot.AppliesTo(Trials.Search(1)));
        var f = new FloatDistribution(0, 1);
        var constant = Trials.Minimize(Trials.Make(0, TrialState.Complete, [1], [("a", 0.1, f)]), Trials.Make(1, TrialState.Complete, [1], [("a", 0.9, f)]));
        Assert.False(plot.AppliesTo(constant));
        Assert.Throws<ArgumentException>(() => ParamImportancePlot.Compute(constant));
        var fixedParam = Trials.Minimize(Trials.Make(0, TrialState.Complete, [1], [("a", 0.5, f)]), Trials.Make(1, TrialState.Complete, [2], [("a", 0.5, f)]));
        Assert.False(plot.AppliesTo(fixedParam));
    }

    [Fact]
    public void ALargeStudyIsJudgedOnASampleThatTheSubtitleNames()
    {
        var option = new ParamImportancePlot().Option(Trials.Search(3000));
        Assert.StartsWith("1,000 of 3,000 Complete trials shown", option["title"]!["subtext"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
