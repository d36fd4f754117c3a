namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe optimize --terminate</c>: the study stops when the terminator says further trials do not pay.</summary>
public sealed class OptimizeTerminateTests : IDisposable
{
    private static readonly string Quadratic = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts", "quadratic.py");
    private readonly CliRunner cli = new();

    private string Space(string yaml)
    {
        string path = cli.File("space.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task StopsASolvedStudyLongBeforeItsTrialBudget()
    {
        string space = Space("""
            direction: minimize
            sampler: {type: tpe, seed: 0}
            parameters:
              x: {type: float, low: -5, high: 5}
              layers: {type: int, low: 1, high: 6}
            """);
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "q", "--trials", "300", "--terminate", "--storage", cli.Storage,
            "--", "python3", Quadratic, "--x", "{x}", "--layers", "{layers}");
        Assert.True(code == 0, error + output);
        using var storage = new SqliteStorage(cli.Db);
        int complete = Study.Load("q", storage).GetTrials(TrialState.Complete).Count;
        Assert.InRange(complete, 30, 299);
        Assert.Contains($"The terminator stopped the study after trial {complete - 1}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralObjectivesAreAClearError()
    {
        string space = Space("""
            directions: [minimize, maximize]
            parameters:
              x: {type: float, low: -5, high: 5}
            """);
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "two", "--trials", "3", "--terminate", "--storage", cli.Storage, "--", "echo", "1", "2");
        Assert.NotEqual(0, code);
        Assert.Contains("--terminate works with one objective; space.yaml has 2.", error + output, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db), "no study was created");
    }

    public void Dispose() => cli.Dispose();
}
