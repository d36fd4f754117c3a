namespace Astrolabe.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task TheDemoRunsOnSqliteAndResumes()
    {
        var (code, output, error) = await cli.Run("demo", "--trials", "30", "--seed", "3", "--storage", cli.Storage);
        Assert.True(code == 0, error);
        Assert.Contains("Study 'demo': 30 trials (30 complete).", output, StringComparison.Ordinal);
        Assert.Contains("Leaderboard", output, StringComparison.Ordinal);
        Assert.Contains("Best trial #", output, StringComparison.Ordinal);
        Assert.Contains("ms per trial", output, StringComparison.Ordinal);
        (code, output, _) = await cli.Run("demo", "--trials", "5", "--jobs", "2", "--storage", cli.Storage);
        Assert.Equal(0, code);
        Assert.Contains("Resuming study 'demo' with 30 trials.", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo': 35 trials", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInterruptedDemoLeavesAConsistentStudy()
    {
        using var cts = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));
        int code = await CliApp.RunAsync(["demo", "--trials", "1000000", "--storage", cli.Storage], stdout, stderr, cts.Token);
        Assert.Equal(130, code);
        Assert.Contains("can be resumed", stderr.ToString(), StringComparison.Ordinal);
        using var storage = new SqliteStorage(cli.Db);
        var trials = Study.Load("demo", storage).Trials;
        Assert.NotEmpty(trials);
        Assert.All(trials, t => Assert.True(t.State.IsFinished(), $"trial {t.Number} is {t.State}"));
    }

    [Theory]
    [InlineData("--trials", "x", "Cannot parse argument 'x' for option '--trials'")]
    [InlineData("--trials", "0", "--trials must be at least 1.")]
    [InlineData("--jobs", "0", "--jobs must be at least 1.")]
    [InlineData("--timeout", "-3", "--timeout must be positive.")]
    public async Task WrongArgumentsExitWithTwoAndAMessage(string option, string value, string message)
    {
        var (code, _, error) = await cli.Run("demo", option, value, "--storage", cli.Storage);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db));
    }

    public void Dispose() => cli.Dispose();
}
