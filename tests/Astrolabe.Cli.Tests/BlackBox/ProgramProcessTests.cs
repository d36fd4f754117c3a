namespace Astrolabe.Cli.Tests.BlackBox;

/// <summary>What a program leaves running in the background neither holds its trial nor outlives it.</summary>
public sealed class ProgramProcessTests : IDisposable
{
    private static readonly string Orphan = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts", "orphan.sh");
    private readonly CliRunner cli = new();

    private string Space()
    {
        string path = cli.File("space.yaml");
        File.WriteAllText(path, "parameters:\n  k: {type: int, low: 1, high: 2}\n");
        return path;
    }

    private FrozenTrial Trial(string study)
    {
        using var storage = new SqliteStorage(cli.Db);
        return Study.Load(study, storage).Trials.Single();
    }

    [Fact]
    public async Task ABackgroundChildHoldingTheOutputDoesNotHoldTheTrialAndIsStopped()
    {
        // The program prints its value and exits, leaving a child (outside its process tree) that keeps stdout open.
        string pidFile = cli.File("child.pid");
        var (code, output, error) = await cli.Run("optimize", "--space", Space(), "--study", "exits", "--trials", "1", "--trial-timeout", "120", "--storage", cli.Storage,
            "--", "bash", Orphan, pidFile, "exit");
        Assert.True(code == 0, error + output);
        var trial = Trial("exits");
        Assert.True(trial.State == TrialState.Complete, trial.SystemAttrs.GetValueOrDefault(SystemAttrKeys.FailReason) as string);
        Assert.Equal(1, trial.Value);
        int child = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        await CliProcess.WaitUntil(() => !CliProcess.IsAlive(child), $"the background child {child} is stopped");
    }

    [Fact]
    public async Task ATimeoutStopsTheProgramAndEverythingItStarted()
    {
        string pidFile = cli.File("child.pid");
        var (code, output, error) = await cli.Run("optimize", "--space", Space(), "--study", "stays", "--trials", "1", "--trial-timeout", "5", "--storage", cli.Storage,
            "--", "bash", Orphan, pidFile, "stay");
        Assert.True(code == CliApp.NoTrialCompleted, error + output);
        var trial = Trial("stays");
        Assert.Equal(TrialState.Fail, trial.State);
        Assert.Contains("Timed out after 5 s.", (string)trial.SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
        int child = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        await CliProcess.WaitUntil(() => !CliProcess.IsAlive(child), $"the background child {child} is stopped");
    }

    public void Dispose() => cli.Dispose();
}
