using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <summary>
/// The embedded default storage: one SQLite file (write-ahead log, versioned schema) that several
/// processes on one machine can share. Every write is one short IMMEDIATE transaction, so concurrent
/// workers queue for the write lock instead of failing with "database is locked"; a crashed process
/// loses nothing that was committed. Finished trials are immutable and cached in memory, so reading all
/// trials of a study fetches only the rows that can still change; a running trial read again is served from
/// memory until another connection commits (a pruner reads its trial after every report). <see cref="OpenReadOnly"/> opens an
/// existing file only to read it. Thread-safe.
/// </summary>
public sealed partial class SqliteStorage : DatabaseStorage, IStorage, IDisposable
{
    private readonly Lock gate = new();
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<long, FrozenTrial> finished = [];
    private readonly TextCache<Distribution> distributions = new(DistributionJson.Deserialize);
    private readonly Dictionary<int, StudyDirection[]> directions = [];
    private readonly Dictionary<long, FrozenTrial> running = [];
    private long dataVersion = -1;
    private bool disposed;

    /// <summary>
    /// Opens (and creates when absent) the database at <paramref name="path"/>: a file path, or a full
    /// connection string starting with "Data Source=". Throws <see cref="InvalidDataException"/>, naming the
    /// file and changing nothing in it, when the file is not a SQLite database (or is corrupt), is another
    /// program's database (Optuna's, say) or was written by a newer schema.
    /// </summary>
    public SqliteStorage(string path)
        : this(path, readOnly: false)
    {
    }

    private SqliteStorage(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = path.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(path)
            : new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 120 };

        Source = builder.DataSource;
        IsReadOnly = readOnly;
        bool onDisk = builder.Mode != SqliteOpenMode.Memory && Source.Length > 0 && Source != ":memory:";
        if (readOnly)
        {
            // Opened read-write without create, with SQLite's query_only on: a connection opened read-only
            // cannot checkpoint, so it would leave the -wal and -shm files of a WAL database behind it; this
            // one removes them when it closes last, as a writer does. The storage itself refuses every write.
            if (onDisk)
            {
                SqliteFile.CheckExisting(Source);
            }

            if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            {
                builder.Mode = SqliteOpenMode.ReadWrite;
            }
        }
        else if (onDisk)
        {
            SqliteFile.CheckWritable(Source);
        }

        connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute("PRAGMA busy_timeout = 120000");
            if (readOnly)
            {
                Execute("PRAGMA query_only = ON");
                SqliteSchema.Check(connection, Source);
            }
            else
            {
                // Another program's database is refused before WAL is turned on, so it is left as it was.
                SqliteFile.HasAstrolabeSchema(connection, null, Source, SqliteSchema.Version);
                Execute("PRAGMA journal_mode = WAL");
                Execute("PRAGMA synchronous = NORMAL");
                Execute("PRAGMA foreign_keys = ON");
                SqliteSchema.Ensure(connection, Source);
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            connection.Dispose();
            throw SqliteFile.NotSqlite(Source, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing Astrolabe database only to read it: never creates the file or a table, never
    /// migrates, never changes the journal mode, and sees what writers commit meanwhile. Every call that
    /// would write throws <see cref="InvalidOperationException"/>. Throws <see cref="FileNotFoundException"/>
    /// when the file does not exist and <see cref="InvalidDataException"/>, naming the file, when it is not
    /// an Astrolabe storage this code reads: empty, not a SQLite database (or corrupt), another program's
    /// database (Optuna's, say), or written by a newer schema.
    /// </summary>
    public static SqliteStorage OpenReadOnly(string path) => new(path, readOnly: true);

    /// <summary>Whether this storage was opened with <see cref="OpenReadOnly"/>.</summary>
    public bool IsReadOnly { get; }

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
        EnsureWritable();
        lock (gate)
        {
            try
            {
                using var tx = connection.BeginTransaction(deferred: false);
                var result = body(tx);
                tx.Commit();
                return result;
            }
            catch
            {
                // A body may have updated a known running trial before the write failed: read them again.
                running.Clear();
                throw;
            }
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

    /// <summary>Throws when this storage was opened read-only.</summary>
    private void EnsureWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"The storage '{Source}' is opened read-only; it cannot be changed.");
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(object value) => value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
