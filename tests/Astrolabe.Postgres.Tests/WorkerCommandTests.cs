using Astrolabe.Cli;
using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>The <c>worker</c> command's answers to bad input: a clear message and exit code 2.</summary>
public sealed class WorkerCommandTests : IDisposable
{
    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();

    [Fact]
    public async Task AnUnreachableServerExitsWithTwo()
    {
        var (code, _, err) = await Run("worker", "--storage", "postgresql://u:secret@127.0.0.1:1/db", "--study", "s", "--trials", "1");
        Assert.Equal(2, code);
        Assert.Contains("error: Cannot use the PostgreSQL database 'db' at 127.0.0.1:1", err, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", err, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task WrongCredentialsExitWithTwo()
    {
        var b = new NpgsqlConnectionStringBuilder(schema!.Admin);
        var (code, _, err) = await Run("worker", "--storage", $"postgresql://{b.Username}:wrong@{b.Host}:{b.Port}/{b.Database}", "--study", "s", "--trials", "1");
        Assert.Equal(2, code);
        Assert.Contains("password authentication failed", err, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AMissingStudyExitsWithTwo()
    {
        var (code, _, err) = await Run("worker", "--storage", schema!.Url, "--study", "nope", "--trials", "1");
        Assert.Equal(2, code);
        Assert.Contains("No study named 'nope'", err, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AWorkerRunsItsTrialsOnAnExistingStudy()
    {
        Assert.Equal(0, (await Run("create-study", "--storage", schema!.Url, "--study", "w")).Code);
        var (code, stdout, err) = await Run("worker", "--storage", schema.Url, "--study", "w", "--trials", "12", "--jobs", "3", "--seed", "4");
        Assert.True(code == 0, err);
        Assert.Contains("Worker done: 12 trials (12 complete", stdout, StringComparison.Ordinal);
        var best = await Run("best", "--storage", schema.Url, "--study", "w");
        Assert.Contains("Best trial: #", best.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadOptionsExitWithTwo()
    {
        var (code, _, err) = await Run("worker", "--storage", "memory:", "--study", "s", "--heartbeat", "0");
        Assert.Equal(2, code);
        Assert.Contains("--heartbeat must be positive.", err, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => schema?.Dispose();
}
