using Astrolabe.Testing.Sqlite;

namespace Astrolabe.Testing.Storages;

/// <summary>Storages on temporary SQLite files: one file shared by <see cref="Open"/>, and one of its own for each <see cref="OpenNew"/>.</summary>
internal sealed class SqliteTestStorage : TestStorage
{
    private readonly SqliteFiles files = new();

    public override string Name => TestStorages.Sqlite;

    public override IStorage Open() => files.Open();

    public override IStorage OpenNew() => files.OpenNewFile();

    public override IStorage Reopen(IStorage storage) => files.OpenAgain((SqliteStorage)storage);

    protected override void Dispose(bool disposing) => files.Dispose();
}
