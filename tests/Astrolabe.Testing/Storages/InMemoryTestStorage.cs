namespace Astrolabe.Testing.Storages;

/// <summary>Storages in memory: every one is new and empty, and reopening one gives the same object.</summary>
internal sealed class InMemoryTestStorage : TestStorage
{
    public override string Name => TestStorages.InMemory;

    public override IStorage Open() => new InMemoryStorage();

    public override IStorage OpenNew() => new InMemoryStorage();

    public override IStorage Reopen(IStorage storage) => storage;

    protected override void Dispose(bool disposing)
    {
    }
}
