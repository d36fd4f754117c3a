using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Astrolabe;

/// <content>
/// Running units of work on pooled connections, retrying transient failures (Polly's retry strategy:
/// exponential back-off with jitter, bounded by <see cref="RetryTimeout"/>), and finding out whether a write
/// that lost its answer was committed: by its request token (starting a trial) or by its transaction's id.
/// </content>
public sealed partial class PostgresStorage
{
    /// <summary>When the first failure of a call happened (a <see cref="Stopwatch"/> timestamp).</summary>
    private static readonly ResiliencePropertyKey<long> FirstFailure = new("astrolabe.first-failure");

    /// <summary>Set on the constructor's call: connection problems are reported at once, not retried.</summary>
    private static readonly ResiliencePropertyKey<bool> FirstContact = new("astrolabe.first-contact");

    /// <summary>Serialization failures and deadlocks are retried this often even without a retry timeout.</summary>
    private const int ConflictAttempts = 5;

    private readonly ResiliencePipeline retries;

    /// <summary>
    /// Called, with the connection in use, at points where a test makes a fault happen ("commit": before a
    /// write's commit is sent, "committed": after its answer came, "start": before a trial-starting statement is
    /// sent, "started": after its answer came, "finish": after a trial's finishing update);
    /// it may throw or end the connection's session. Null outside tests.
    /// </summary>
    internal Action<string, NpgsqlConnection>? FaultPoint { get; set; }

    /// <summary>
    /// Transient: the server or the network failed, not the request. A lost or refused connection, the
    /// server shutting down (57P01, 57P02) or starting up (57P03), connection errors (08…), serialization
    /// failures, deadlocks, and whatever else Npgsql deems transient.
    /// </summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || IsLostSession(p) || IsConflict(p),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException or TimeoutException,
        CommitPendingException or SessionEndingException => true,
        _ => false,
    };

    private static bool IsConflict(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    private static bool IsLostSession(PostgresException p) =>
        p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        || p.SqlState.StartsWith("08", StringComparison.Ordinal);

    /// <summary>The connection itself is gone (rather than one statement refused): the pool's other idle connections are likely gone too.</summary>
    private static bool IsConnectionLoss(Exception? e) => e is PostgresException p ? IsLostSession(p) : e is NpgsqlException;

    private ResiliencePipeline BuildRetries() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ShouldRetry(e, args.Context, args.AttemptNumber)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(25),
            MaxDelay = TimeSpan.FromSeconds(1),
            OnRetry = args =>
            {
                if (IsConnectionLoss(args.Outcome.Exception))
                {
                    // Idle pooled connections died with the server (or the network): drop them, not one failure each.
                    dataSource.Clear();
                }

                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private bool ShouldRetry(Exception e, ResilienceContext context, int attempt)
    {
        if (!IsTransient(e))
        {
            return false;
        }

        if (IsConflict(e) && attempt + 1 < ConflictAttempts)
        {
            return true;
        }

        if (context.Properties.GetValue(FirstContact, false))
        {
            return false;
        }

        long now = Stopwatch.GetTimestamp();
        if (!context.Properties.TryGetValue(FirstFailure, out long first))
        {
            context.Properties.Set(FirstFailure, now);
            first = now;
        }

        return Stopwatch.GetElapsedTime(first, now) < RetryTimeout;
    }

    /// <summary>Runs a unit of work that may be repeated (a read, or a write whose repetition changes nothing) on a pooled connection.</summary>
    private void Run(Action<NpgsqlConnection> body, bool firstContact = false) => Run(c =>
    {
        body(c);
        return 0;
    }, firstContact);

    /// <inheritdoc cref="Run(Action{NpgsqlConnection}, bool)"/>
    private T Run<T>(Func<NpgsqlConnection, T> body, bool firstContact = false) =>
        Retrying(static (self, body) =>
        {
            using var connection = self.Open();
            return body(connection);
        }, body, firstContact);

    /// <summary>
    /// Runs a write that must not be applied twice and marks what it writes with a request token, as one
    /// statement in autocommit: one round trip, and its locks are released before the answer is sent.
    /// <paramref name="statement"/> runs it; <paramref name="find"/> looks its token up. When an attempt ends
    /// without an answer from the server (the connection was lost, the session ended), its statement may still be
    /// running there, or may have committed: its session is ended first and awaited (<see cref="EndSession"/>),
    /// so that the outcome is final, and then the token is looked up. Found: the earlier attempt committed, and
    /// what <paramref name="find"/> returns is the result; not found: it did not, and the statement runs again.
    /// </summary>
    private T Once<T>(Func<NpgsqlConnection, T> statement, Func<NpgsqlConnection, (bool Found, T Result)> find)
    {
        EnsureWritable();

        // The server process of an attempt without an answer; 0: none.
        int unanswered = 0;
        return Run(c =>
        {
            if (unanswered != 0)
            {
                EndSession(c, unanswered);
                var (found, result) = find(c);
                if (found)
                {
                    return result;
                }
            }

            unanswered = c.ProcessID;
            try
            {
                FaultPoint?.Invoke("start", c);
                var result = statement(c);
                FaultPoint?.Invoke("started", c);
                return result;
            }
            catch (PostgresException e) when (e.InvariantSeverity == "ERROR")
            {
                // The server answered with an error: the statement was rolled back.
                unanswered = 0;
                throw;
            }
        });
    }

    /// <summary>
    /// Ends the server session <paramref name="pid"/> of this storage's user, if it is still there, and waits
    /// until it is gone: then whatever it was running has committed or rolled back for good (a session leaves
    /// <c>pg_stat_activity</c> after aborting its transaction). Asks again, with the retries' back-off, while it
    /// is still there. A process id reused meanwhile by another session of the same user ends that session,
    /// which sees a transient failure; a process id is reused only after the system has gone through all others.
    /// </summary>
    private static void EndSession(NpgsqlConnection c, int pid)
    {
        if (pid == c.ProcessID)
        {
            // The same session answers now: what it ran before has ended.
            return;
        }

        // PostgreSQL 14 and later wait for the end on the server (true: gone); earlier versions only signal.
        string sql = c.PostgreSqlVersion.Major >= 14
            ? "SELECT pg_terminate_backend(pid, 1000) FROM pg_stat_activity WHERE pid = $1 AND usename = current_user"
            : "SELECT pg_terminate_backend(pid) AND FALSE FROM pg_stat_activity WHERE pid = $1 AND usename = current_user";
        if (Scalar(c, null, sql, pid) is false)
        {
            throw new SessionEndingException(pid);
        }
    }

    /// <summary>
    /// Runs a write that must not be applied twice, in a transaction. <paramref name="body"/> returns its result
    /// and the id of its transaction (<c>txid_current()</c>, read with the write's own rows before the commit is
    /// sent; null when it wrote nothing). When the commit's answer is lost, the server is asked whether that
    /// transaction committed; only a rolled-back write is run again.
    /// </summary>
    private T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, (T Result, long? Xid)> body)
    {
        EnsureWritable();
        return Retrying(static (self, body) =>
        {
            using var connection = self.Open();
            using var tx = connection.BeginTransaction();
            var (result, xid) = body(connection, tx);
            self.FaultPoint?.Invoke("commit", connection);
            try
            {
                tx.Commit();
                self.FaultPoint?.Invoke("committed", connection);
            }
            catch (Exception e) when (xid is { } id && IsTransient(e) && !IsConflict(e))
            {
                if (!self.Committed(id))
                {
                    throw;
                }
            }

            return result;
        }, body, firstContact: false);
    }

    /// <summary>
    /// Whether a transaction whose commit lost its answer was committed: asks the server, again while the
    /// transaction is still in progress there. Throws <see cref="PostgresConnectionException"/> when that
    /// cannot be known within the retry timeout: the write is then neither repeated nor taken as done.
    /// </summary>
    private bool Committed(long xid) => Run(c => Scalar(c, null, "SELECT txid_status($1)", xid) switch
    {
        "committed" => true,
        "aborted" => false,
        "in progress" => throw new CommitPendingException(xid),
        var other => throw new PostgresConnectionException($"Cannot tell whether a write to the {Source} was committed: the server reports transaction {xid} as '{other ?? "unknown"}'."),
    });

    private NpgsqlConnection Open()
    {
        try
        {
            return dataSource.OpenConnection();
        }
        catch (NpgsqlException e) when (!IsTransient(e))
        {
            // Credentials, a missing database, a refused TLS handshake: retrying will not help.
            throw Unavailable(e);
        }
    }

    private T Retrying<T, TState>(Func<PostgresStorage, TState, T> attempt, TState state, bool firstContact)
    {
        var context = ResilienceContextPool.Shared.Get();
        if (firstContact)
        {
            context.Properties.Set(FirstContact, true);
        }

        try
        {
            return retries.Execute(static (_, s) => s.attempt(s.self, s.state), context, (self: this, attempt, state));
        }
        catch (Exception e) when (IsTransient(e) && !IsConflict(e))
        {
            throw GaveUp(e, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private PostgresConnectionException GaveUp(Exception e, ResilienceContext context)
    {
        if (context.Properties.GetValue(FirstContact, false) || RetryTimeout == TimeSpan.Zero)
        {
            return Unavailable(e);
        }

        double seconds = context.Properties.TryGetValue(FirstFailure, out long first) ? Stopwatch.GetElapsedTime(first).TotalSeconds : 0;
        return new PostgresConnectionException(string.Create(CultureInfo.InvariantCulture,
            $"Cannot use the {Source}: {Reason(e)}; gave up after retrying for {seconds:0.#} s (the retry timeout; raise it with retry_timeout=SECONDS in the URL or Retry Timeout=SECONDS in the connection string)."), e);
    }

    private PostgresConnectionException Unavailable(Exception e) => new($"Cannot use the {Source}: {Reason(e)}", e);

    private string Reason(Exception e) => e switch
    {
        PostgresException p => $"{p.MessageText} ({p.SqlState})",
        { InnerException: SocketException s } => $"{s.Message} (is the server running and reachable?)",
        { InnerException: TimeoutException } => string.Create(CultureInfo.InvariantCulture,
            $"no answer within the connect timeout of {ConnectTimeout.TotalSeconds:0.#} s (is the server running and reachable? connect_timeout=SECONDS in the URL, or Timeout=SECONDS, waits longer)"),
        _ => e.Message,
    };

    /// <summary>A session whose last statement lost its answer is still ending on the server: ask again after a while.</summary>
    private sealed class SessionEndingException(int pid) : Exception($"Server process {pid} is still ending.");

    /// <summary>A transaction whose commit lost its answer is still running on the server: ask again after a while.</summary>
    private sealed class CommitPendingException(long xid) : Exception($"Transaction {xid} is still in progress on the server.");
}
