using Astrolabe.Sqlite.Tests;

namespace Astrolabe.Cli.Tests.Commands;

/// <summary>The commands that only read a storage open it read-only: they create, change and migrate nothing.</summary>
public sealed class ReadCommandsTests : IDisposable
{
    private static readonly string[][] ReadCommands =
    [
        ["studies"],
        ["trials", "--study", "s"],
        ["best", "--study", "s"],
        ["export", "--study", "s"],
        ["export", "--study", "s", "--format", "json", "--out", "{out}/trials.json"],
        ["importance", "--study", "s"],
        ["report", "--study", "s", "--out", "{out}/report.html"],
        ["plot", "history", "--study", "s", "--out", "{out}/history.html"],
        ["dashboard", "--port", "0"],
    ];

    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-read-").FullName;

    private string Db => Path.Combine(folder, "data", "x.db");

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string kind in StorageFiles.NotAStorage)
        {
            for (int c = 0; c < ReadCommands.Length; c++)
            {
                data.Add(kind, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AReadCommandNamesAFileThatIsNotAStorageAndChangesNothing(string kind, int command)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Db)!);
        Directory.CreateDirectory(Path.Combine(folder, "out"));
        StorageFiles.Write(kind, Db);
        var before = StorageFiles.Contents(folder);
        var (code, _, err) = await Run(ReadCommands[command], $"sqlite:{Db}");
        Assert.Equal(CliApp.UsageError, code);
        Assert.StartsWith($"error: {StorageFiles.Error(kind, Db)}", err, StringComparison.Ordinal);
        Assert.Equal(before, StorageFiles.Contents(folder));
        Assert.Equal(kind == "missing", !File.Exists(Db) && !Directory.Exists(Db));
    }

    [Fact]
    public async Task ReadCommandsSeeAStorageThatAWriterHasOpen()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Db)!);
        StorageFiles.Astrolabe(Db);
        using (var writer = new SqliteStorage(Db))
        {
            var study = Study.Load("s", writer);
            var running = study.Ask();
            running.SuggestFloat("x", 0, 1);
            var studies = await Run(["studies"], $"sqlite:{Db}");
            Assert.Equal(0, studies.Code);
            Assert.Contains("│ s ", studies.Out, StringComparison.Ordinal);
            var trials = await Run(["trials", "--study", "s"], $"sqlite:///{Db}");
            Assert.Equal(0, trials.Code);
            Assert.Contains("running", trials.Out, StringComparison.Ordinal);
            study.Tell(running, -1);
            var best = await Run(["best", "--study", "s"], $"sqlite:{Db}");
            Assert.Contains("Best trial: #3", best.Out, StringComparison.Ordinal);
            var export = await Run(["export", "--study", "s"], $"sqlite:{Db}");
            Assert.Equal(5, export.Out.TrimEnd().Split('\n').Length);
        }

        Assert.Equal(["x.db"], Directory.GetFiles(Path.GetDirectoryName(Db)!).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Runs a command in-process; a command that serves (the dashboard) is stopped after a generous deadline, as a failure guard.</summary>
    private async Task<(int Code, string Out, string Err)> Run(string[] args, string storage)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string[] full = [.. args.Select(a => a.Replace("{out}", Path.Combine(folder, "out"), StringComparison.Ordinal)), "--storage", storage];
        int code = await CliApp.RunAsync(full, stdout, stderr, deadline.Token);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
