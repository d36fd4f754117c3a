namespace Astrolabe.Sqlite.Tests;

/// <summary>A fresh database path in a temporary folder, deleted with the folder.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-test-").FullName;

    public string Path => System.IO.Path.Combine(folder, "study.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A worker process may still be closing the file; the OS cleans the temporary folder.
        }
    }
}
