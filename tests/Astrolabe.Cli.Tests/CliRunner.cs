namespace Astrolabe.Cli.Tests;

/// <summary>Runs the command line in-process against a temporary SQLite file.</summary>
internal sealed class CliRunner : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-cli-").FullName;

    public string Db => Path.Combine(folder, "cli.db");

    public string Storage => $"sqlite:{Db}";

    public string File(string name) => Path.Combine(folder, name);

    public async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Trains <paramref name="config"/> on a shipped dataset (seed 1) and saves it as <c>&lt;dataset&gt;.model</c> in the runner's folder.</summary>
    public string TrainAndSave(string dataset, Astrolabe.ModelSearch.ModelConfig config)
    {
        var task = Astrolabe.ModelSearch.BuiltInTasks.Load(dataset);
        string path = File(dataset + ".model");
        Astrolabe.ModelSearch.ModelTraining.Fit(config, task, task.Train, null, seed: 1).Save(path);
        return path;
    }

    /// <summary>
    /// Runs a command that must be refused: exit code 2, <paramref name="expected"/> in the error, and nothing written —
    /// <paramref name="output"/> absent and no temporary file beside it.
    /// </summary>
    public async Task Refused(string output, string expected, params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
