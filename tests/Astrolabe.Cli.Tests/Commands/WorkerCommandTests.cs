namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe worker</c> on SQLite: the built-in synthetic objective, a program, and its answers to bad input.</summary>
public sealed class WorkerCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task AWorkerRunsAProgramOfASpaceFileOnAnExistingStudy()
    {
        string space = cli.File("space.yaml");
        await File.WriteAllTextAsync(space, "direction: maximize\nparameters:\n  k: {type: int, low: 1, high: 5}\n");
        Assert.Equal(0, (await cli.Run("create-study", "--storage", cli.Storage, "--study", "w", "--direction", "maximize")).Code);
        var (code, stdout, err) = await cli.Run("worker", "--storage", cli.Storage, "--study", "w", "--trials", "6", "--seed", "2", "--heartbeat", "1",
            "--space", space, "--", "echo", "{k}");
        Assert.True(code == 0, err);
        Assert.Contains("Worker done: 6 trials (6 complete", stdout, StringComparison.Ordinal);
        using var storage = new SqliteStorage(cli.Db);
        var trials = Study.Load("w", storage).Trials;
        Assert.Equal(6, trials.Count);
        Assert.All(trials, t => Assert.Equal(Convert.ToDouble(t.Params["k"], System.Globalization.CultureInfo.InvariantCulture), t.Value));
        Assert.All(trials, t => Assert.StartsWith($"{Environment.MachineName}:", (string)t.UserAttrs["worker"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDemoObjectiveRunsWithoutASpaceFile()
    {
        Assert.Equal(0, (await cli.Run("create-study", "--storage", cli.Storage, "--study", "d")).Code);
        var (code, stdout, err) = await cli.Run("worker", "--storage", cli.Storage, "--study", "d", "--trials", "5", "--jobs", "2");
        Assert.True(code == 0, err);
        Assert.Contains("Worker done: 5 trials (5 complete", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInputExitsWithTwoAndSaysWhy()
    {
        string space = cli.File("space.yaml");
        await File.WriteAllTextAsync(space, "direction: maximize\nparameters:\n  k: {type: int, low: 1, high: 5}\n");
        Assert.Equal(0, (await cli.Run("create-study", "--storage", cli.Storage, "--study", "min")).Code);
        var missing = await cli.Run("worker", "--storage", cli.Storage, "--study", "nope", "--trials", "1");
        Assert.Equal((2, true), (missing.Code, missing.Err.Contains("No study named 'nope'", StringComparison.Ordinal)));
        var noSpace = await cli.Run("worker", "--storage", cli.Storage, "--study", "min", "--", "echo", "1");
        Assert.Equal((2, true), (noSpace.Code, noSpace.Err.Contains("give --space FILE", StringComparison.Ordinal)));
        var direction = await cli.Run("worker", "--storage", cli.Storage, "--study", "min", "--space", space, "--", "echo", "{k}");
        Assert.Equal((2, true), (direction.Code, direction.Err.Contains("has directions [Maximize] but the study has [Minimize]", StringComparison.Ordinal)));
        var grace = await cli.Run("worker", "--storage", cli.Storage, "--study", "min", "--heartbeat", "5", "--grace", "1");
        Assert.Equal((2, true), (grace.Code, grace.Err.Contains("grace period must be at least the heartbeat interval", StringComparison.Ordinal)));
    }

    public void Dispose() => cli.Dispose();
}
