using Astrolabe.Tests.Pruners;

namespace Astrolabe.Sqlite.Tests;

/// <summary>The pruner contract suite on SQLite: every storage a case creates is its own database file.</summary>
public sealed class PrunerOnSqliteContractTests : PrunerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.OpenNewFile();

    public void Dispose() => files.Dispose();
}
