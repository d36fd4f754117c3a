namespace Astrolabe.Cli.Tests.BlackBox;

/// <summary>What programs tuned by <c>astrolabe optimize</c> cost, and budgets that stop them.</summary>
public sealed class CostTests : IDisposable
{
    private static readonly string Burn = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts", "burn.py");
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task EachProgramsCpuTimeIsItsTrialsEvenWithTwoAtOnce()
    {
        // Three programs, two at a time, burning 0, 0.2 and 0.8 s of CPU; each prints the CPU time its process used in
        // all, which its trial's recorded cost must match (less about the last 20 ms sampling interval; on a loaded
        // machine the sampling thread may run late, hence the margin).
        string space = Space("""
            sampler: bruteforce
            parameters:
              seconds: {type: categorical, choices: [0.0, 0.2, 0.8]}
            """);
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "burn", "--trials", "3", "--jobs", "2", "--storage", cli.Storage, "--", "python3", Burn, "{seconds}");
        Assert.True(code == 0, error);
        foreach (var t in Trials("burn"))
        {
            var cost = TrialCost.Of(t)!;
            double used = t.Value!.Value;
            Assert.True(used >= Convert.ToDouble(t.Params["seconds"], System.Globalization.CultureInfo.InvariantCulture));
            // Both sides count 10 ms clock ticks: compare whole ticks, so that 2 ticks over (1.26 + 0.02 in floating
            // point is 1.2799999999999998, below a recorded 1.28) is within the bound, as intended.
            Assert.InRange(Math.Round(cost.CpuSeconds * 100), Math.Round(used * 100) - 10, Math.Round(used * 100) + 2);
            Assert.True(cost.EnergyJoules > 0 && cost.Co2eGrams > 0);
        }

        Assert.Contains("Cost of the study (3 trials)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACpuBudgetStopsTheStudy()
    {
        string space = Space("""
            sampler: {type: random, seed: 1}
            parameters:
              seconds: {type: categorical, choices: [0.2]}
            """);

        // 0.00001 CPU hours is 36 ms: the first trial's 0.2 s spends it, and no second trial starts.
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "capped", "--trials", "10", "--budget", "cpu-hours=0.00001", "--storage", cli.Storage, "--", "python3", Burn, "{seconds}");
        Assert.True(code == 0, error);
        Assert.Single(Trials("capped"));
        Assert.Contains("Cost of the study (1 trials)", output, StringComparison.Ordinal);
        var best = await cli.Run("best", "--study", "capped", "--storage", cli.Storage);
        Assert.Contains("Its cost: ", best.Out, StringComparison.Ordinal);
        Assert.Matches(@"\((estimated|measured)\)", best.Out);
    }

    [Fact]
    public async Task BestAndTrialsShowTheCostPerWorkerAndPerTrial()
    {
        using (var storage = new SqliteStorage(cli.Db))
        {
            var study = Study.Create(new StudyOptions { StudyName = "workers", Storage = storage });
            foreach (var (worker, cpu) in new[] { ("host-a:11", 1.5), ("host-b:22", 2.0), ("host-a:11", 0.5) })
            {
                var trial = study.Ask();
                trial.SuggestFloat("x", 0, 1);
                trial.SetSystemAttr(TrialCost.AttributeKey, new Dictionary<string, object?>
                {
                    ["wall_s"] = cpu, ["cpu_s"] = cpu, ["energy_j"] = 100 * cpu, ["energy_method"] = "estimated", ["co2e_g"] = cpu, ["worker"] = worker,
                });
                study.Tell(trial, cpu);
            }
        }

        var best = await cli.Run("best", "--study", "workers", "--storage", cli.Storage);
        Assert.True(best.Code == 0, best.Err);
        Assert.Contains("Cost of the study (3 trials): 4.0 CPU s", best.Out, StringComparison.Ordinal);
        Assert.Contains("worker host-a:11 (2 trials): 2.0 CPU s", best.Out, StringComparison.Ordinal);
        Assert.Contains("worker host-b:22 (1 trials): 2.0 CPU s", best.Out, StringComparison.Ordinal);
        var trials = await cli.Run("trials", "--study", "workers", "--storage", cli.Storage);
        Assert.Contains("cpu s", trials.Out, StringComparison.Ordinal);
        Assert.Contains("1.50", trials.Out, StringComparison.Ordinal);
        Assert.Contains("150", trials.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu-hours=1", "--budget: Unknown budget 'gpu-hours=1'")]
    [InlineData("kwh=-1", "--budget: Budget 'kwh=-1': the amount must be a positive number.")]
    public async Task ABadBudgetIsReportedBeforeAnythingRuns(string budget, string message)
    {
        string space = Space("""
            parameters:
              seconds: {type: categorical, choices: [0.1]}
            """);
        var (code, _, error) = await cli.Run("optimize", "--space", space, "--study", "bad", "--trials", "1", "--budget", budget, "--storage", cli.Storage, "--", "python3", Burn, "{seconds}");
        Assert.NotEqual(0, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db) && new SqliteStorage(cli.Db).GetAllStudies().Count > 0);
    }

    private string Space(string yaml)
    {
        string path = cli.File($"space{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private IReadOnlyList<FrozenTrial> Trials(string study)
    {
        using var storage = new SqliteStorage(cli.Db);
        return Study.Load(study, storage).Trials;
    }
}
