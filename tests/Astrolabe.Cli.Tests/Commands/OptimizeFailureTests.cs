namespace Astrolabe.Cli.Tests.Commands;

/// <summary>Why trials failed is shown as they fail and in the summary; a run that completes no trial exits with 1.</summary>
public sealed class OptimizeFailureTests : IDisposable
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts");
    private readonly CliRunner cli = new();

    private string Space()
    {
        string path = cli.File("space.yaml");
        File.WriteAllText(path, "sampler: bruteforce\nparameters:\n  k: {type: int, low: 1, high: 2}\n");
        return path;
    }

    [Fact]
    public async Task AnAllFailingProgramExitsWithOneAndShowsEachReason()
    {
        // A real astrolabe process, as a script calling it would see it.
        var (code, output, error) = await CliProcess.Run(["optimize", "--space", Space(), "--study", "broken", "--trials", "2", "--storage", cli.Storage,
            "--", "bash", Path.Combine(Scripts, "crash.sh"), "{k}"]);
        Assert.True(code == 1, error + output);
        foreach (int k in new[] { 1, 2 })
        {
            Assert.Matches($@"Trial \d failed: The program exited with code 3\. stderr ends: Traceback: out of memory in layer {k}\n", output);
            Assert.Matches($@"  trial \d: The program exited with code 3\. stderr ends: Traceback: out of memory in layer {k}\n", output);
        }

        Assert.Contains("This run: 2 trials (0 complete, 0 pruned, 2 failed)", output, StringComparison.Ordinal);
        Assert.Contains("No trial of this run completed; the reasons are above.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReasonsAreShownWithoutTheProgramsEscapeSequences()
    {
        var (code, output, _) = await cli.Run("optimize", "--space", Space(), "--study", "colour", "--trials", "1", "--storage", cli.Storage,
            "--", "bash", Path.Combine(Scripts, "colour_crash.sh"));
        Assert.Equal(CliApp.NoTrialCompleted, code);
        Assert.Contains("Trial 0 failed: The program exited with code 4. stderr ends: RuntimeError: boom\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1B', output);
    }

    [Fact]
    public async Task ARunWithACompleteTrialExitsWithZero()
    {
        var (code, output, error) = await cli.Run("optimize", "--space", Space(), "--study", "half", "--trials", "2", "--storage", cli.Storage,
            "--", "bash", "-c", "if [ \"$ASTROLABE_PARAM_K\" = 1 ]; then echo 0.5; else echo 'bad input' >&2; exit 1; fi");
        Assert.True(code == 0, error + output);
        Assert.Matches(@"Trial \d failed: The program exited with code 1\. stderr ends: bad input\n", output);
        Assert.Contains("This run: 2 trials (1 complete, 0 pruned, 1 failed)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerWhoseTrialsAllFailExitsWithOneAndShowsTheReasons()
    {
        Assert.Equal(0, (await cli.Run("create-study", "--study", "w", "--storage", cli.Storage)).Code);
        var (code, output, error) = await cli.Run("worker", "--study", "w", "--trials", "2", "--space", Space(), "--storage", cli.Storage,
            "--", "bash", Path.Combine(Scripts, "crash.sh"), "{k}");
        Assert.Equal(CliApp.NoTrialCompleted, code);
        Assert.Contains("Worker done: 2 trials (0 complete, 2 pruned or failed)", output, StringComparison.Ordinal);
        Assert.Matches(@"Trial \d failed: The program exited with code 3\. stderr ends: Traceback: out of memory in layer 1\n", output);
        Assert.Contains("No trial of this worker completed", error, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
