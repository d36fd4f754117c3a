using Astrolabe.Cli;

namespace Astrolabe.Postgres.Tests;

/// <summary>The commands that only read a storage open a PostgreSQL one read-only: they create, change and migrate nothing.</summary>
public sealed class ReadCommandsTests : IDisposable
{
    private static readonly string[][] ReadCommands =
    [
        ["studies"],
        ["trials", "--study", "s"],
        ["best", "--study", "s"],
        ["export", "--study", "s"],
        ["export", "--study", "s", "--format", "json", "--out", "{out}/trials.json"],
        ["report", "--study", "s", "--out", "{out}/report.html"],
        ["plot", "history", "--study", "s", "--out", "{out}/history.html"],
        ["dashboard", "--port", "0"],
    ];

    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-read-").FullName;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string kind in DatabaseKinds.NotAStorage)
        {
            for (int c = 0; c < ReadCommands.Length; c++)
            {
                data.Add(kind, c);
            }
        }

        return data;
    }

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public async Task AReadCommandNamesADatabaseThatHoldsNoStorageAndChangesNothing(string kind, int command)
    {
        DatabaseKinds.Write(kind, schema!);
        var before = DatabaseKinds.Contents(schema!);
        var (code, _, err) = await Run(ReadCommands[command], schema!.Url);
        Assert.Equal(CliApp.UsageError, code);
        Assert.StartsWith($"error: {DatabaseKinds.Error(kind, schema)}", err, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseKinds.Contents(schema));
    }

    [PostgresFact]
    public async Task ReadCommandsSeeAStorageThatAWriterHasOpen()
    {
        var writer = schema!.Open();
        DatabaseKinds.Astrolabe(writer);
        var study = Study.Load("s", writer);
        var running = study.Ask();
        running.SuggestFloat("x", 0, 1);
        var before = DatabaseKinds.Contents(schema);
        var studies = await Run(["studies"], schema.Url);
        Assert.True(studies.Code == 0, studies.Err);
        Assert.Contains("│ s ", studies.Out, StringComparison.Ordinal);
        var trials = await Run(["trials", "--study", "s"], schema.Url);
        Assert.True(trials.Code == 0, trials.Err);
        Assert.Contains("running", trials.Out, StringComparison.Ordinal);
        study.Tell(running, -1);
        var best = await Run(["best", "--study", "s"], schema.Url);
        Assert.Contains("Best trial: #3", best.Out, StringComparison.Ordinal);
        var export = await Run(["export", "--study", "s"], schema.Url);
        Assert.Equal(5, export.Out.TrimEnd().Split('\n').Length);
        var report = await Run(["report", "--study", "s", "--out", "{out}/report.html"], schema.Url);
        Assert.True(report.Code == 0, report.Err);
        Assert.True(File.Exists(Path.Combine(folder, "out", "report.html")));
        Assert.Equal(before.Tables, DatabaseKinds.Contents(schema).Tables);
    }

    public void Dispose()
    {
        schema?.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Runs a command in-process; a command that serves (the dashboard) is stopped after a generous deadline, as a failure guard.</summary>
    private async Task<(int Code, string Out, string Err)> Run(string[] args, string storage)
    {
        Directory.CreateDirectory(Path.Combine(folder, "out"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string[] full = [.. args.Select(a => a.Replace("{out}", Path.Combine(folder, "out"), StringComparison.Ordinal)), "--storage", storage];
        int code = await CliApp.RunAsync(full, stdout, stderr, deadline.Token);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
