namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class IntermediatePlotTests
{
    private static StudySnapshot Curves() => Trials.Minimize(
        Trials.Make(0, TrialState.Complete, [0.1], steps: [(0, 1.0), (1, 0.5), (2, 0.1)]),
        Trials.Make(1, TrialState.Pruned, [0.9], steps: [(0, 1.2), (1, 0.9)]),
        Trials.Make(2, TrialState.Complete, [0.3]),
        Trials.Make(3, TrialState.Running, steps: [(0, 2.0), (5, double.NaN)]));

    [Fact]
    public void CurvesKeepTheirStepsAndMarkPrunedTrials()
    {
        var curves = IntermediatePlot.Compute(Curves());
        Assert.Equal([0, 1, 3], curves.Select(c => c.Number));
        Assert.Equal([false, true, false], curves.Select(c => c.Pruned));
        Assert.Equal([0L, 1, 2], curves[0].Steps);
        Assert.Equal([1.2, 0.9], curves[1].Values);
        Assert.Equal([0L], curves[2].Steps); // the NaN report is left out
    }

    [Fact]
    public void APrunedCurveIsDashedWithACrossAtItsLastStep()
    {
        var option = new IntermediatePlot().Option(Curves());
        var series = option["series"]!.AsArray();
        var pruned = series.Single(s => s!["id"]!.GetValue<string>() == "trial-1")!;
        Assert.Equal("dashed", pruned["lineStyle"]!["type"]!.GetValue<string>());
        var coord = pruned["markPoint"]!["data"]![0]!["coord"]!.AsArray();
        Assert.Equal(1, coord[0]!.GetValue<double>());
        Assert.Equal(0.9, coord[1]!.GetValue<double>());
        Assert.Null(series.Single(s => s!["id"]!.GetValue<string>() == "trial-0")!["markPoint"]);
    }

    [Fact]
    public void AStudyWithoutReportsHasNoIntermediatePlot()
    {
        Assert.False(new IntermediatePlot().AppliesTo(Trials.Search(5)));
        Assert.True(new IntermediatePlot().AppliesTo(Curves()));
    }
}
