namespace Astrolabe.Cli.Tests.Commands;

/// <summary>Numbers on the command line: a bad one is named with its option and what is accepted; none overflows.</summary>
public sealed class NumberOptionsTests : IDisposable
{
    private readonly CliRunner cli = new();

    private string Space()
    {
        string path = cli.File("space.yaml");
        File.WriteAllText(path, "parameters:\n  k: {type: int, low: 1, high: 2}\n");
        return path;
    }

    [Theory]
    [InlineData("--trials", "abc", "--trials expects a whole number, got 'abc'.")]
    [InlineData("--trials", "99999999999", "--trials must be at most 2147483647.")]
    [InlineData("--trials", "0", "--trials must be at least 1.")]
    [InlineData("--seed", "1.5", "--seed expects a whole number, got '1.5'.")]
    [InlineData("--timeout", "1e300", "--timeout must be at most 2147483 seconds (about 24 days).")]
    [InlineData("--trial-timeout", "1e300", "--trial-timeout must be at most 2147483 seconds (about 24 days).")]
    [InlineData("--trial-timeout", "inf", "--trial-timeout expects a number of seconds, got 'inf'.")]
    [InlineData("--trial-timeout", "NaN", "--trial-timeout expects a number of seconds, got 'NaN'.")]
    [InlineData("--heartbeat", "1e300", "--heartbeat must be at most 2147483 seconds (about 24 days).")]
    public async Task OptimizeNamesTheOptionAndTheBadValue(string option, string value, string message)
    {
        string[] trials = option == "--trials" ? [] : ["--trials", "1"];
        var (code, output, error) = await cli.Run(["optimize", "--space", Space(), .. trials, option, value, "--storage", cli.Storage, "--", "echo", "1"]);
        Assert.True(code == CliApp.UsageError, error + output);
        Assert.Equal($"error: {message}\nRun 'astrolabe --help' (or '<command> --help') for usage.\n", error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(cli.Db));
    }

    [Theory]
    [InlineData("worker --study s --trial-delay 1e300", "--trial-delay must be at most 2147483 seconds (about 24 days).")]
    [InlineData("worker --study s --trial-delay -1", "--trial-delay must be zero or positive.")]
    [InlineData("worker --study s --retry-failed x", "--retry-failed expects a whole number, got 'x'.")]
    [InlineData("demo --timeout 1e300", "--timeout must be at most 2147483 seconds (about 24 days).")]
    [InlineData("trials --study s --last abc", "--last expects a whole number, got 'abc'.")]
    [InlineData("tell --study s --trial x --value 1", "--trial expects a whole number, got 'x'.")]
    public async Task OtherCommandsDoTheSame(string args, string message)
    {
        var (code, output, error) = await cli.Run([.. args.Split(' '), "--storage", cli.Storage]);
        Assert.True(code == CliApp.UsageError, error + output);
        Assert.Equal($"error: {message}\nRun 'astrolabe --help' (or '<command> --help') for usage.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task TheLongestTimeoutIsAccepted()
    {
        var (code, output, error) = await cli.Run("optimize", "--space", Space(), "--trials", "1", "--timeout", "2147483", "--trial-timeout", "2147483", "--heartbeat", "2147483",
            "--storage", cli.Storage, "--", "echo", "1");
        Assert.True(code == 0, error + output);
    }

    public void Dispose() => cli.Dispose();
}
