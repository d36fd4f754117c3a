using Astrolabe.Tests.Pruners;

namespace Astrolabe.Sqlite.Tests;

/// <summary>The pruner contract suite on SQLite: every storage a case creates is its own database file.</summary>
public sealed class PrunerOnSqliteContractTests : PrunerContractTests, IDisposable
{
    private readonly List<TempDatabase> files = [];
    private readonly List<SqliteStorage> storages = [];

    protected override IStorage CreateStorage()
    {
        var file = new TempDatabase();
        files.Add(file);
        var storage = new SqliteStorage(file.Path);
        storages.Add(storage);
        return storage;
    }

    public void Dispose()
    {
        storages.ForEach(s => s.Dispose());
        files.ForEach(f => f.Dispose());
    }
}
