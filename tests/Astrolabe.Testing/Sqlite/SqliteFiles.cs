namespace Astrolabe.Testing.Sqlite;

/// <summary>Opens storages on temporary files and closes and deletes them all at the end of a test.</summary>
public sealed class SqliteFiles : IDisposable
{
    private readonly List<TempDatabase> files = [new()];
    private readonly List<SqliteStorage> storages = [];

    /// <summary>A storage on the test's shared file (several storages on one file act as several processes).</summary>
    public SqliteStorage Open() => Track(new SqliteStorage(files[0].Path));

    /// <summary>A storage on a file of its own.</summary>
    public SqliteStorage OpenNewFile()
    {
        var file = new TempDatabase();
        files.Add(file);
        return Track(new SqliteStorage(file.Path));
    }

    /// <summary>Another storage on the file of <paramref name="storage"/>, with nothing cached.</summary>
    public SqliteStorage OpenAgain(SqliteStorage storage) => Track(new SqliteStorage(storage.Source));

    /// <summary>Closes every storage opened here and deletes their files.</summary>
    public void Dispose()
    {
        storages.ForEach(s => s.Dispose());
        files.ForEach(f => f.Dispose());
    }

    private SqliteStorage Track(SqliteStorage storage)
    {
        storages.Add(storage);
        return storage;
    }
}
