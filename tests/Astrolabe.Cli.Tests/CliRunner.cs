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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
