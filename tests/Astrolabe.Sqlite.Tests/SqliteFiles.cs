namespace Astrolabe.Sqlite.Tests;

/// <summary>Opens storages on one temporary file and closes them all at the end of a test.</summary>
internal sealed class SqliteFiles : IDisposable
{
    private readonly TempDatabase file = new();
    private readonly List<SqliteStorage> storages = [];

    public SqliteStorage Open()
    {
        var storage = new SqliteStorage(file.Path);
        storages.Add(storage);
        return storage;
    }

    public void Dispose()
    {
        storages.ForEach(s => s.Dispose());
        file.Dispose();
    }
}
