using System.Collections.Concurrent;
using System.Net.Sockets;
using Npgsql;

namespace Astrolabe;

/// <summary>
/// The storage for many workers on many machines: one PostgreSQL database, reached through a pool of
/// connections. The schema is created and versioned on first use. Trial numbers come from a per-study
/// counter updated in the same statement that inserts the trial, state changes are conditional updates,
/// and enqueued trials are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so no two workers ever get the same
/// number, finish the same trial or claim the same enqueued trial. Serialization failures and deadlocks
/// are retried (a few times, with back-off), and so are reads and connection attempts that fail for a
/// transient reason. Finished trials never change, so they are cached in memory and reading a study
/// fetches only the trials that can still change. Heartbeats use the server's clock, so workers on
/// machines whose clocks differ agree on which trials are stale. Thread-safe.
/// </summary>
public sealed partial class PostgresStorage : IStorage, IHeartbeatStorage, IDisposable
{
    private const int MaxAttempts = 5;
    private readonly NpgsqlDataSource dataSource;
    private readonly ConcurrentDictionary<long, FrozenTrial> finished = new();
    private readonly ConcurrentDictionary<long, int> trialStudies = new();
    private readonly ConcurrentDictionary<string, Distribution> distributions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, StudyDirection[]> directions = new();

    /// <summary>
    /// Connects to the database given as an Npgsql connection string (<c>Host=…;Database=…;Username=…</c>) or
    /// a <c>postgresql://user:password@host:port/database</c> URL, and creates Astrolabe's tables when absent.
    /// Throws <see cref="PostgresConnectionException"/> when the server is unreachable, refuses the
    /// credentials or lacks the database, and <see cref="InvalidDataException"/> when the tables were written
    /// by a newer version of Astrolabe.
    /// </summary>
    public PostgresStorage(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(PostgresUrl.IsUrl(connection) ? PostgresUrl.ToConnectionString(connection) : connection);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"Invalid PostgreSQL connection '{PostgresUrl.Redact(connection)}': {e.Message}", e);
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "astrolabe";
        }

        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        // Astrolabe leaves no session state on a connection (no SET, temporary table, LISTEN, advisory lock
        // or open transaction), so the reset Npgsql otherwise sends with every reuse of a pooled connection
        // is pure overhead (a quarter of a call's time on a local server).
        if (!builder.ContainsKey("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        Source = $"PostgreSQL database '{builder.Database ?? builder.Username}' at {builder.Host}:{builder.Port} (user '{builder.Username}')";
        dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            Run(c => PostgresSchema.Ensure(c, Source), retry: true);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Where the data lives: database, server and user (never the password).</summary>
    public string Source { get; }

    /// <summary>Closes the pool's connections. Committed data stays in the database.</summary>
    public void Dispose() => dataSource.Dispose();

    /// <summary>Runs one unit of work on a pooled connection, retrying transient failures when <paramref name="retry"/> says it is safe.</summary>
    private void Run(Action<NpgsqlConnection> body, bool retry) => Run(c =>
    {
        body(c);
        return 0;
    }, retry);

    private T Run<T>(Func<NpgsqlConnection, T> body, bool retry)
    {
        for (int attempt = 1; ; attempt++)
        {
            NpgsqlConnection connection;
            try
            {
                connection = dataSource.OpenConnection();
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < MaxAttempts && e is not PostgresException)
            {
                Backoff(attempt);
                continue;
            }
            catch (NpgsqlException e)
            {
                throw Unavailable(e);
            }

            using (connection)
            {
                try
                {
                    return body(connection);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < MaxAttempts)
                {
                    // The transaction was rolled back whole: running it again is safe.
                }
                catch (NpgsqlException e) when (retry && e.IsTransient && e is not PostgresException && attempt < MaxAttempts)
                {
                    // A read, or a write that is safe to repeat, lost its connection.
                }
            }

            Backoff(attempt);
        }
    }

    /// <summary>Runs <paramref name="body"/> in a read-committed transaction; see <see cref="Run{T}"/>.</summary>
    private T Transaction<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> body) => Run(c =>
    {
        using var tx = c.BeginTransaction();
        var result = body(c, tx);
        tx.Commit();
        return result;
    }, retry: false);

    private PostgresConnectionException Unavailable(NpgsqlException e)
    {
        string reason = e switch
        {
            PostgresException p => $"{p.MessageText} ({p.SqlState})",
            { InnerException: SocketException s } => $"{s.Message} (is the server running and reachable?)",
            { InnerException: TimeoutException } => "the connection timed out (is the server running and reachable?)",
            _ => e.Message,
        };
        return new PostgresConnectionException($"Cannot use the {Source}: {reason}", e);
    }

    private static void Backoff(int attempt) => Thread.Sleep(TimeSpan.FromMilliseconds((20 << attempt) + Random.Shared.Next(20)));

    /// <summary>A command with positional parameters $1, $2 … bound to <paramref name="args"/> (null as SQL NULL).</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        var c = new NpgsqlCommand(sql, connection, tx);
        foreach (var a in args)
        {
            c.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        }

        return c;
    }

    private static object? Scalar(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        using var c = Command(connection, tx, sql, args);
        var v = c.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        using var c = Command(connection, tx, sql, args);
        return c.ExecuteNonQuery();
    }

    private Distribution ParseDistribution(string json) => distributions.GetOrAdd(json, DistributionJson.Deserialize);

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(object? value) => value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
