namespace Astrolabe.Testing.Storages;

/// <summary>
/// The storages one test opens on one kind of storage, all closed and deleted when the test disposes it. A
/// storage kind joins the contract matrix by deriving a class and listing it in <see cref="TestStorages"/>.
/// </summary>
public abstract class TestStorage : IDisposable
{
    /// <summary>The storage kind's name, as the matrix shows it ("in memory", "SQLite", "PostgreSQL").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// A storage on the test's shared database: several calls give several storage objects on the same data, as
    /// several processes would open it (a kind that keeps its data in its object gives a new, empty one).
    /// </summary>
    public abstract IStorage Open();

    /// <summary>A storage on an empty database of its own.</summary>
    public abstract IStorage OpenNew();

    /// <summary>
    /// Another storage object on the data of <paramref name="storage"/> with nothing read yet, as a second
    /// process would open it; a kind that keeps its data in its own object returns <paramref name="storage"/>.
    /// </summary>
    public abstract IStorage Reopen(IStorage storage);

    /// <summary>Closes every storage this test opened and deletes their data.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes every storage this test opened and deletes their data.</summary>
    protected abstract void Dispose(bool disposing);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
