namespace Astrolabe.Testing.Sqlite;

/// <summary>A fresh database path in a temporary folder, deleted with the folder.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-test-").FullName;

    /// <summary>The database file's path (the file does not exist until a storage creates it).</summary>
    public string Path => System.IO.Path.Combine(folder, "study.db");

    /// <summary>Deletes the folder and everything in it.</summary>
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
