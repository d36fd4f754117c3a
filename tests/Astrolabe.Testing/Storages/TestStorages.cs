using Astrolabe.Testing.Postgres;

namespace Astrolabe.Testing.Storages;

/// <summary>Every storage kind the contracts run on, by name.</summary>
public static class TestStorages
{
    /// <summary>The name of <see cref="InMemoryStorage"/>'s kind.</summary>
    public const string InMemory = "in memory";

    /// <summary>The name of <see cref="SqliteStorage"/>'s kind (a temporary file).</summary>
    public const string Sqlite = "SQLite";

    /// <summary>The name of <see cref="PostgresStorage"/>'s kind (a throwaway schema of the test server).</summary>
    public const string Postgres = "PostgreSQL";

    private static readonly Dictionary<string, Func<TestStorage>> Kinds = new(StringComparer.Ordinal)
    {
        [InMemory] = () => new InMemoryTestStorage(),
        [Sqlite] = () => new SqliteTestStorage(),
        [Postgres] = () => new PostgresTestStorage(),
    };

    /// <summary>The names of every kind, in the matrix's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [InMemory, Sqlite, Postgres];

    /// <summary>Why the kind cannot run here (PostgreSQL without a server, outside CI), or null when it can.</summary>
    public static string? SkipReason(string name) =>
        name == Postgres && PostgresServer.ConnectionString is null && !PostgresServer.InCi ? PostgresServer.SkipReason : null;

    /// <summary>A new set of storages of the named kind for one test.</summary>
    public static TestStorage Create(string name) =>
        Kinds.TryGetValue(name, out var create) ? create() : throw new ArgumentException($"No storage kind named '{name}'; the kinds are {string.Join(", ", Names)}.", nameof(name));
}
