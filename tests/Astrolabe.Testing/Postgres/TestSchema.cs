using Npgsql;

namespace Astrolabe.Testing.Postgres;

/// <summary>A fresh, empty PostgreSQL schema for one test (so tests never see each other's studies), dropped at the end.</summary>
public sealed class TestSchema : IDisposable
{
    private readonly List<PostgresStorage> storages = [];

    /// <summary>A schema on the test server (see <see cref="PostgresServer"/>).</summary>
    public TestSchema()
        : this(PostgresServer.Require())
    {
    }

    /// <summary>A schema on the server of this connection string.</summary>
    public TestSchema(string admin)
    {
        Admin = admin;
        Name = $"t_{Guid.NewGuid():N}";
        Exec($"CREATE SCHEMA {Name}");
        // A generous connect timeout: these tests are about other things than connecting, and on a loaded
        // machine a cold worker process can take longer than the default to open its first connection.
        ConnectionString = new NpgsqlConnectionStringBuilder(Admin) { SearchPath = Name, Timeout = 60 }.ConnectionString;
        var b = new NpgsqlConnectionStringBuilder(Admin);
        Url = $"postgresql://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database!)}?search_path={Name}&connect_timeout=60";
    }

    /// <summary>The connection string of the server, with no search path.</summary>
    public string Admin { get; }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>A connection string whose search path is this schema.</summary>
    public string ConnectionString { get; }

    /// <summary>The same as a postgresql:// URL, as the command line takes it.</summary>
    public string Url { get; }

    /// <summary>A new storage on this schema, disposed with it.</summary>
    public PostgresStorage Open() => Open(ConnectionString);

    /// <summary>A new storage on another connection string (to this schema), disposed with it.</summary>
    public PostgresStorage Open(string connectionString)
    {
        var s = new PostgresStorage(connectionString);
        storages.Add(s);
        return s;
    }

    /// <summary>Runs one SQL statement on the server (not in the schema unless it names it).</summary>
    public void Exec(string sql)
    {
        using var c = new NpgsqlConnection(Admin);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Closes every storage opened here and drops the schema.</summary>
    public void Dispose()
    {
        storages.ForEach(s => s.Dispose());
        Exec($"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }
}
