namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class CostPlotTests
{
    private static Dictionary<string, object?> Cost(double cpu, double joules) => new()
    {
        [TrialCost.AttributeKey] = new Dictionary<string, object?> { ["wall_s"] = cpu, ["cpu_s"] = cpu, ["energy_j"] = joules, ["energy_method"] = "estimated", ["co2e_g"] = joules / 3.6e6 * 475 },
    };

    [Fact]
    public void TheTotalsRunInTrialNumberOrderAndSkipTrialsWithoutACost()
    {
        var study = Trials.Minimize(
            Trials.Make(2, TrialState.Complete, [1.0], systemAttrs: Cost(3, 7200)),
            Trials.Make(0, TrialState.Complete, [1.0], systemAttrs: Cost(1, 3600)),
            Trials.Make(1, TrialState.Fail),
            Trials.Make(3, TrialState.Pruned, systemAttrs: Cost(0.5, 0)));
        var points = CostPlot.Compute(study);
        Assert.Equal([0, 2, 3], points.Select(p => p.Number));
        Assert.Equal([1.0, 4.0, 4.5], points.Select(p => p.CpuSeconds));
        Assert.Equal([1.0, 3.0, 3.0], points.Select(p => p.EnergyWattHours));
        Assert.Equal(3 * 3600 / 3.6e6 * 475, points[^1].Co2eGrams, 12);
    }

    [Fact]
    public void AppliesOnlyWhereACostWasRecordedAndSamplesLongStudies()
    {
        var plot = new CostPlot();
        Assert.False(plot.AppliesTo(Trials.Search(5)));
        var many = Trials.Minimize([.. Enumerable.Range(0, 12_000).Select(i => Trials.Make(i, TrialState.Complete, [1.0], systemAttrs: Cost(1, 1)))]);
        Assert.True(plot.AppliesTo(many));
        var data = plot.Option(many)["series"]![0]!["data"]!.AsArray();
        Assert.Equal(Plot.MaxPoints, data.Count);
        Assert.Equal(11_999, data[^1]![0]!.GetValue<double>());
        Assert.Equal(12_000, data[^1]![1]!.GetValue<double>());
    }
}
