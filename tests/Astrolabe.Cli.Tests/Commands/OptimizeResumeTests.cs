using System.Globalization;
using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe optimize</c> beside other processes of the same study: one killed with -9, one running at the same time.</summary>
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
    public async Task AfterKillMinus9TheResumedStudyFailsTheLostTrialAndTheTempFolderIsDeleted()
    {
        string temp = cli.File("tmp");
        Directory.CreateDirectory(temp);
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temp };
        string space = Space(), pidFile = cli.File("program.pid"), go = cli.File("go");
        string[] options = ["optimize", "--space", space, "--study", "k", "--trials", "1", "--heartbeat", "1", "--grace", "2", "--storage", cli.Storage];
        int program = 0;
        try
        {
            using (var killed = CliProcess.Start([.. options, "--", "bash", Wait, pidFile, go], environment: environment))
            {
                await CliProcess.WaitUntil(() => File.Exists(pidFile) && Trials("k").Any(t => t.State == TrialState.Running), "the trial runs");
                program = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
                Assert.Single(Directory.GetDirectories(temp, RunFolder.Prefix + "*"));
                killed.Kill();
                await killed.WaitForExitAsync();
            }

            // The killed run's last heartbeat is at least a grace period old once this much time has passed.
            var killedAt = DateTime.UtcNow;
            await CliProcess.WaitUntil(() => DateTime.UtcNow > killedAt.AddSeconds(2.5), "the grace period has passed");
            var (code, output, error) = await CliProcess.Run([.. options, "--", "echo", "1"], environment: environment);
            Assert.True(code == 0, error + output);
        }
        finally
        {
            File.WriteAllText(go, "");
            if (program != 0 && CliProcess.IsAlive(program))
            {
                System.Diagnostics.Process.GetProcessById(program).Kill();
            }
        }

        var trials = Trials("k");
        Assert.Equal(2, trials.Count);
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Equal(TrialState.Fail, trials[0].State);
        Assert.StartsWith(StorageRules.StaleTrialFailReason, (string)trials[0].SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
        Assert.Equal(TrialState.Complete, trials[1].State);
        Assert.Empty(Directory.GetFileSystemEntries(temp, "astrolabe-*"));
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
