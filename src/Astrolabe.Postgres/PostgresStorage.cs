using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Astrolabe;

/// <summary>
/// The storage for many workers on many machines: one PostgreSQL database, reached through a pool of
/// connections. The schema is created and versioned on first use. Trial numbers come from a per-study
/// counter updated in the same statement that inserts the trial, state changes are conditional updates,
/// and enqueued trials are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so no two workers ever get the same
/// number, finish the same trial or claim the same enqueued trial. Finished trials never change, so they are
/// cached in memory and reading a study fetches only the trials that can still change. Heartbeats use the
/// server's clock, so workers on machines whose clocks differ agree on which trials are stale; a trial
/// created or claimed with a heartbeat names its worker (<see cref="SystemAttrKeys.Worker"/>) from the start.
/// Thread-safe.
/// <para>
/// Transient failures — a lost connection, a server restart (<c>57P01</c>), a server starting up or
/// crashing, serialization failures and deadlocks — are retried with exponential back-off for up to the
/// <b>retry timeout</b> (default 60 s; the connection string's <c>Retry Timeout</c> keyword or the URL's
/// <c>retry_timeout</c> option, in seconds, 0 for no retries), after which the call throws a
/// <see cref="PostgresConnectionException"/> naming the server and how long it retried. Reads and writes
/// that can be repeated (heartbeats, parameters, attributes) are simply run again. The others (creating,
/// claiming or failing trials, creating or deleting a study, counters) run in a transaction whose id is
/// read before its commit is sent: when the connection is lost during the commit, the transaction's fate
/// is asked from the server (<c>txid_status</c>) and the write is repeated only if it was rolled back, so
/// a trial is never created twice. Finishing a trial is a conditional update; when its answer is lost it is
/// read back, so a result is written, and counted, once. The first connection, made by the constructor, is
/// not retried: an unreachable server is reported at once, after the connect timeout (default
/// <see cref="DefaultConnectTimeoutSeconds"/> s; <c>Timeout</c> in the connection string, <c>connect_timeout</c>
/// in a URL).
/// </para>
/// <para>
/// <see cref="OpenReadOnly"/> opens an existing storage only to read it (the command line's read commands do):
/// it creates and migrates nothing and refuses every write.
/// </para>
/// </summary>
public sealed partial class PostgresStorage : DatabaseStorage, IStorage, IHeartbeatStorage, IDisposable
{
    /// <summary>The connect timeout, in seconds, when the connection string gives none (Npgsql's own default is 15 s).</summary>
    public const int DefaultConnectTimeoutSeconds = 10;

    /// <summary>How long transient failures are retried when the connection string does not say.</summary>
    public static readonly TimeSpan DefaultRetryTimeout = TimeSpan.FromSeconds(60);

    private readonly NpgsqlDataSource dataSource;
    private readonly ConcurrentDictionary<long, FrozenTrial> finished = new();
    private readonly ConcurrentDictionary<long, int> trialStudies = new();
    private readonly ConcurrentDictionary<string, Distribution> distributions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, StudyDirection[]> directions = new();

    /// <summary>
    /// Connects to the database given as an Npgsql connection string (<c>Host=…;Database=…;Username=…</c>) or
    /// a <c>postgresql://user:password@host:port/database</c> URL, and creates Astrolabe's tables when absent.
    /// Besides Npgsql's keywords the connection string may give <c>Retry Timeout</c> (seconds; a URL's
    /// <c>retry_timeout</c>): how long transient failures are retried (see the class remarks).
    /// Throws <see cref="ArgumentException"/> for a malformed connection string,
    /// <see cref="PostgresConnectionException"/> when the server is unreachable, does not answer within the
    /// connect timeout, refuses the credentials or lacks the database, and <see cref="InvalidDataException"/>
    /// when the tables were written by a newer version of Astrolabe.
    /// </summary>
    public PostgresStorage(string connection)
        : this(connection, readOnly: false)
    {
    }

    private PostgresStorage(string connection, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        IsReadOnly = readOnly;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            var given = new DbConnectionStringBuilder { ConnectionString = PostgresUrl.IsUrl(connection) ? PostgresUrl.ToConnectionString(connection) : connection };
            RetryTimeout = TakeRetryTimeout(given);
            bool timeoutGiven = given.ContainsKey("Timeout");
            builder = new NpgsqlConnectionStringBuilder(given.ConnectionString);
            if (!timeoutGiven)
            {
                builder.Timeout = DefaultConnectTimeoutSeconds;
            }
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

        if (readOnly)
        {
            // A second guard behind the storage's own refusal: the server runs every transaction of these
            // connections read-only, so a write that slipped through would fail there (25006) and change nothing.
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".TrimStart();
        }

        ConnectTimeout = TimeSpan.FromSeconds(builder.Timeout);
        Source = $"PostgreSQL database '{builder.Database ?? builder.Username}' at {builder.Host}:{builder.Port} (user '{builder.Username}')";
        dataSource = NpgsqlDataSource.Create(builder);
        retries = BuildRetries();
        try
        {
            Run(c =>
            {
                if (readOnly)
                {
                    PostgresSchema.Check(c, Source);
                }
                else
                {
                    PostgresSchema.Ensure(c, Source);
                }
            }, firstContact: true);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Where the data lives: database, server and user (never the password).</summary>
    public string Source { get; }

    /// <summary>How long transient failures are retried before a call gives up (<c>Retry Timeout</c>; zero: not at all).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>How long opening a connection may take (<c>Timeout</c> / <c>connect_timeout</c>).</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <summary>Closes the pool's connections. Committed data stays in the database.</summary>
    public void Dispose() => dataSource.Dispose();

    /// <summary>Removes the <c>Retry Timeout</c> keyword (which Npgsql does not know) and returns its value.</summary>
    private static TimeSpan TakeRetryTimeout(DbConnectionStringBuilder given)
    {
        if (!given.TryGetValue(PostgresUrl.RetryTimeoutKeyword, out object? value))
        {
            return DefaultRetryTimeout;
        }

        given.Remove(PostgresUrl.RetryTimeoutKeyword);
        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{PostgresUrl.RetryTimeoutKeyword} must be a number of seconds, zero or more; got '{text}'.");
    }

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

    /// <summary>Adds a statement with positional parameters to a batch (null as SQL NULL).</summary>
    private static void Add(NpgsqlBatch batch, string sql, params object?[] args)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var a in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
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
