namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe optimize</c> beside other processes of the same study.</summary>
public sealed class OptimizeResumeTests : IDisposable
{
    private static readonly string Wait = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts", "wait.sh");
    private readonly CliRunner cli = new();

    private string Space()
    {
        string path = cli.File("space.yaml");
        File.WriteAllText(path, "parameters:\n  k: {type: int, low: 1, high: 2}\n");
        return path;
    }

    private IReadOnlyList<FrozenTrial> Trials(string study)
    {
        if (!File.Exists(cli.Db))
        {
            return [];
        }

        try
        {
            using var storage = new SqliteStorage(cli.Db);
            return Study.Load(study, storage).Trials;
        }
        catch (StudyNotFoundException)
        {
            return [];
        }
    }

    [Fact]
    public async Task ThisRunCountsOnlyItsOwnTrials()
    {
        string pidFile = cli.File("program.pid"), go = cli.File("go");
        string space = Space();
        var run = Task.Run(() => cli.Run("optimize", "--space", space, "--study", "shared", "--trials", "1", "--storage", cli.Storage, "--", "bash", Wait, pidFile, go));
        await CliProcess.WaitUntil(() => File.Exists(pidFile) || run.IsCompleted, "the trial runs");

        // Meanwhile another process of the study finishes three trials.
        using (var storage = new SqliteStorage(cli.Db))
        {
            Study.Load("shared", storage).Optimize(t => t.SuggestInt("k", 1, 2), nTrials: 3);
        }

        File.WriteAllText(go, "");
        var (code, output, error) = await run;
        Assert.True(code == 0, error + output);
        Assert.Contains("Study 'shared': 4 trials (4 complete).", output, StringComparison.Ordinal);
        Assert.Contains("This run: 1 trials (1 complete, 0 pruned, 0 failed)", output, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
