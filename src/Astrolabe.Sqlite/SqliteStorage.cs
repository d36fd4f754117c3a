using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <summary>
/// The embedded default storage: one SQLite file (write-ahead log, versioned schema) that several
/// processes on one machine can share. Every write is one short IMMEDIATE transaction, so concurrent
/// workers queue for the write lock instead of failing with "database is locked"; a crashed process
/// loses nothing that was committed. Finished trials are immutable and cached in memory, so reading all
/// trials of a study fetches only the rows that can still change. Thread-safe.
/// </summary>
public sealed partial class SqliteStorage : IStorage, IDisposable
{
    private readonly Lock gate = new();
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<long, FrozenTrial> finished = [];
    private readonly TextCache<Distribution> distributions = new(DistributionJson.Deserialize);
    private readonly Dictionary<int, StudyDirection[]> directions = [];
    private bool disposed;

    /// <summary>
    /// Opens (and creates when absent) the database at <paramref name="path"/>: a file path, or a full
    /// connection string starting with "Data Source=". Throws <see cref="InvalidDataException"/> when the
    /// file is not an Astrolabe database or was written by a newer schema.
    /// </summary>
    public SqliteStorage(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string connectionString = path.Contains('=', StringComparison.Ordinal)
            ? path
            : new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 120 }.ToString();
        Source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute("PRAGMA busy_timeout = 120000");
            Execute("PRAGMA journal_mode = WAL");
            Execute("PRAGMA synchronous = NORMAL");
            Execute("PRAGMA foreign_keys = ON");
            SqliteSchema.Ensure(connection, Source);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            connection.Dispose();
            throw new InvalidDataException($"'{Source}' is not an Astrolabe SQLite database or is corrupted: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The database file.</summary>
    public string Source { get; }

    /// <summary>Closes the connection. Committed data stays in the file.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var c in commands.Values)
            {
                c.Dispose();
            }

            connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var c = connection.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    /// <summary>A cached, prepared command for this SQL, bound to the transaction and the given parameters.</summary>
    private SqliteCommand Command(string sql, SqliteTransaction? tx, params object?[] args)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!commands.TryGetValue(sql, out var c))
        {
            c = connection.CreateCommand();
            c.CommandText = sql;
            for (int i = 0; i < args.Length; i++)
            {
                c.Parameters.Add(new SqliteParameter($"@p{i}", null));
            }

            commands[sql] = c;
        }

        c.Transaction = tx;
        for (int i = 0; i < args.Length; i++)
        {
            c.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return c;
    }

    private T Write<T>(Func<SqliteTransaction, T> body)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var result = body(tx);
            tx.Commit();
            return result;
        }
    }

    private T Read<T>(Func<SqliteTransaction, T> body)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: true);
            var result = body(tx);
            tx.Commit();
            return result;
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(object value) => value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
