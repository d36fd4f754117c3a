namespace Astrolabe.Dashboard.Tests.Table;

public sealed class TrialTableTests
{
    private static StudySnapshot Mixed()
    {
        var x = new FloatDistribution(-1, 1);
        var act = new CategoricalDistribution(["relu", "tanh"]);
        return Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [0.5], [("x", 0.7, x), ("act", 0, act)]),
            Trials.Make(1, TrialState.Pruned, [0.9], [("x", -0.2, x), ("act", 1, act)]),
            Trials.Make(2, TrialState.Complete, [0.1], [("x", 0.3, x), ("act", 1, act)]),
            Trials.Make(3, TrialState.Fail, null, [("x", 0.9, x)]),
            Trials.Make(4, TrialState.Complete, [0.3], [("x", -0.8, x), ("act", 0, act)]),
            Trials.Make(5, TrialState.Running));
    }

    private static int[] Numbers(TrialPage page) => page.Rows.Select(r => r.Number).ToArray();

    [Fact]
    public void PagesInNumberOrderByDefault()
    {
        var page = TrialTable.Query(Mixed(), new TrialQuery { Offset = 2, Limit = 3 });
        Assert.Equal([2, 3, 4], Numbers(page));
        Assert.Equal(6, page.Total);
        Assert.Equal(6, page.Matched);
        Assert.Equal(["x", "act"], page.Params);
        Assert.Equal(0.1, page.Best);
        Assert.Equal(3, page.StateCounts["complete"]);
        Assert.Equal(1, page.StateCounts["running"]);
    }

    [Fact]
    public void RowsCarryEachTrialsRecordedCostAndSortByIt()
    {
        static Dictionary<string, object?> Cost(double cpu) => new()
        {
            [TrialCost.AttributeKey] = new Dictionary<string, object?> { ["wall_s"] = cpu, ["cpu_s"] = cpu, ["energy_j"] = 10 * cpu, ["energy_method"] = "estimated", ["co2e_g"] = 0.0 },
        };
        var study = Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [0.5], systemAttrs: Cost(2)),
            Trials.Make(1, TrialState.Complete, [0.4], systemAttrs: Cost(1)),
            Trials.Make(2, TrialState.Complete, [0.3]));
        var page = TrialTable.Query(study, new TrialQuery { Sort = "cpu" });
        Assert.True(page.HasCost);
        Assert.Equal([1, 0, 2], Numbers(page));
        Assert.Equal([1.0, 2.0, null], page.Rows.Select(r => r.CpuSeconds));
        Assert.Equal([10.0, 20.0, null], page.Rows.Select(r => r.EnergyJoules));
        Assert.Equal([0, 1, 2], Numbers(TrialTable.Query(study, new TrialQuery { Sort = "energy", Descending = true })));
        Assert.False(TrialTable.Query(Mixed(), new TrialQuery()).HasCost);
    }

    [Fact]
    public void RowsSayWhetherATrialIsFeasibleAndFilterOnIt()
    {
        static Dictionary<string, object?> Constraint(double c) => new() { ["constraints"] = new[] { c } };
        var study = Trials.Minimize(
            Trials.Make(0, TrialState.Complete, [0.5], systemAttrs: Constraint(1)),
            Trials.Make(1, TrialState.Complete, [0.4], systemAttrs: Constraint(-1)),
            Trials.Make(2, TrialState.Complete, [0.3]));
        var page = TrialTable.Query(study, new TrialQuery());
        Assert.True(page.HasConstraints);
        Assert.Equal([false, true, null], page.Rows.Select(r => r.Feasible));
        Assert.Equal([1], Numbers(TrialTable.Query(study, new TrialQuery { Filter = "feasible=yes" })));
        Assert.False(TrialTable.Query(Mixed(), new TrialQuery()).HasConstraints);
    }

    [Fact]
    public void SortsByValueOrParameterWithMissingCellsLast()
    {
        Assert.Equal([2, 4, 0, 1, 3, 5], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Sort = "value" })));
        Assert.Equal([1, 0, 4, 2, 3, 5], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Sort = "value", Descending = true })));
        Assert.Equal([3, 0, 2, 1, 4, 5], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Sort = "x", Descending = true })));
        Assert.Equal([0, 4, 1, 2, 3, 5], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Sort = "act" })));
    }

    [Fact]
    public void FiltersOnStateParametersAndValues()
    {
        var pruned = TrialTable.Query(Mixed(), new TrialQuery { Filter = "state=pruned" });
        Assert.Equal([1], Numbers(pruned));
        Assert.Equal(1, pruned.StateCounts["pruned"]);
        Assert.Equal(0, pruned.StateCounts["complete"]);
        Assert.Null(pruned.Best);
        Assert.Equal([0, 2, 3], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Filter = "x>0" })));
        Assert.Equal([0, 4], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Filter = "act = relu, value<=0.5" })));
        Assert.Equal([1, 2], Numbers(TrialTable.Query(Mixed(), new TrialQuery { Filter = "act!=relu" })));
        var page = TrialTable.Query(Mixed(), new TrialQuery { Filter = "x>=-0.5, x<0.8", Sort = "value", Descending = true, Limit = 1 });
        Assert.Equal(3, page.Matched);
        Assert.Equal([1], Numbers(page));
    }

    [Theory]
    [InlineData("speed>3", "Unknown column 'speed'; use number, state, value, duration, start, cpu, energy, feasible or a parameter (x, act).")]
    [InlineData("x 3", "Cannot read the filter clause 'x 3': write column op value")]
    [InlineData("act=sigmoid", "In the filter clause 'act=sigmoid', 'sigmoid' is not a value of column 'act'.")]
    [InlineData("state=done", "In the filter clause 'state=done', 'done' is not a value of column 'state'.")]
    public void ABadFilterSaysWhatIsWrong(string filter, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => TrialTable.Query(Mixed(), new TrialQuery { Filter = filter }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PagingLimitsAreChecked()
    {
        Assert.StartsWith("limit must be in [1, 1000], got 0.", Assert.Throws<ArgumentException>(() => TrialTable.Query(Mixed(), new TrialQuery { Limit = 0 })).Message, StringComparison.Ordinal);
        Assert.StartsWith("offset must be ≥ 0, got -1.", Assert.Throws<ArgumentException>(() => TrialTable.Query(Mixed(), new TrialQuery { Offset = -1 })).Message, StringComparison.Ordinal);
        Assert.Empty(TrialTable.Query(Mixed(), new TrialQuery { Offset = 100 }).Rows);
    }

    [Fact]
    public void AHundredThousandTrialsAnswerQuickly()
    {
        var study = Trials.Search(100_000);
        TrialTable.Query(study, new TrialQuery { Sort = "x" });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var page = TrialTable.Query(study, new TrialQuery { Sort = "value", Descending = true, Filter = "act=tanh, x>0", Offset = 1000, Limit = 100 });
        clock.Stop();
        Assert.Equal(100, page.Rows.Count);
        Assert.True(page.Rows.Zip(page.Rows.Skip(1)).All(p => p.First.Values![0] >= p.Second.Values![0]), "rows are not in descending value order");
        Assert.InRange(page.Matched, 20_000, 30_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a 100k-trial query took {clock.Elapsed}");
    }
}
