using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Astrolabe.Cli;
using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>
/// Faults between a storage and its server: sessions ended by the server (57P01, as a restart does), lost
/// connections, a server away for longer than the retry timeout, writes whose answer is lost, and servers
/// that never answer.
/// </summary>
public sealed class ResilienceTests : IDisposable
{
    /// <summary>How a call that gave up says how long it retried (at least the retry timeout of 1 s; how much longer depends on the machine's load).</summary>
    private const string GaveUp = @"gave up after retrying for [1-9][0-9.]* s \(the retry timeout; raise it with retry_timeout=SECONDS";

    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();
    private readonly List<TcpProxy> proxies = [];

    [PostgresFact]
    public void SessionsEndedByTheServerAreRetried()
    {
        string app = $"astrolabe-{Guid.NewGuid():N}";
        var s = schema!.Open($"{schema.ConnectionString};Application Name={app}");
        int study = s.CreateStudy("s", [StudyDirection.Minimize]);
        var t = s.ClaimOrCreateTrialWithHeartbeat(study);

        // Each of these finds its pooled connection ended with "terminating connection due to administrator command".
        TerminateSessions(app);
        s.SetTrialParam(t.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        TerminateSessions(app);
        s.RecordHeartbeat(t.TrialId);
        TerminateSessions(app);
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.25]));
        TerminateSessions(app);
        var u = s.ClaimOrCreateTrialWithHeartbeat(study);
        TerminateSessions(app);
        Assert.Equal(2, s.GetAllTrials(study).Count);
        Assert.Equal((0, 1), (t.Number, u.Number));
        Assert.Equal(0.25, s.GetTrial(t.TrialId).Value);
    }

    [PostgresFact]
    public void LostConnectionsAreRetriedByEveryKindOfCall()
    {
        using var proxy = Proxy();
        var s = schema!.Open(proxy.Through(schema.ConnectionString));
        int study = s.CreateStudy("s", [StudyDirection.Minimize]);
        var calls = new List<Action>
        {
            () => s.CreateStudy("other", [StudyDirection.Maximize]),
            () => s.ClaimOrCreateTrialWithHeartbeat(study),
            () => s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting, UserAttrs = new Dictionary<string, object?> { ["k"] = 1 } }),
            () => s.ClaimWaitingTrialWithHeartbeat(study),
            () => s.SetTrialParam(s.GetAllTrials(study)[0].TrialId, "x", 0.5, new FloatDistribution(0, 1)),
            () => s.SetTrialUserAttr(s.GetAllTrials(study)[0].TrialId, "a", "b"),
            () => s.SetTrialIntermediateValue(s.GetAllTrials(study)[0].TrialId, 1, 0.5),
            () => s.SetTrialStateValues(s.GetAllTrials(study)[0].TrialId, TrialState.Complete, [1.0]),
            () => s.NextCounterValue(study, "c"),
            () => s.SetStudyUserAttr(study, "k", "v"),
            () => s.FailStaleTrials(study, TimeSpan.FromHours(1)),
            () => s.DeleteStudy(s.GetStudyId("other")),
        };
        foreach (var call in calls)
        {
            proxy.Cut();
            call();
        }

        var trials = s.GetAllTrials(study);
        Assert.Equal([0, 1], trials.Select(t => t.Number));
        Assert.Equal([TrialState.Complete, TrialState.Running], trials.Select(t => t.State));
        Assert.Equal(0, s.NextCounterValue(study, "c") - 1);
        Assert.Equal("v", s.GetStudyUserAttrs(study)["k"]);
        Assert.Single(s.GetAllStudies());
    }

    [PostgresFact]
    public void AServerAwayLongerThanTheRetryTimeoutEndsTheCallWithAClearError()
    {
        using var proxy = Proxy();
        var s = schema!.Open(proxy.Through(schema.ConnectionString) + ";Retry Timeout=1");
        int study = s.CreateStudy("s", [StudyDirection.Minimize]);
        var t = s.ClaimOrCreateTrialWithHeartbeat(study);
        proxy.Down = true;
        proxy.Cut();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<PostgresConnectionException>(() => s.SetTrialStateValues(t.TrialId, TrialState.Complete, [1.0]));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up after {clock.Elapsed}");
        Assert.Contains($"at 127.0.0.1:{proxy.Port}", e.Message, StringComparison.Ordinal);
        Assert.Matches(GaveUp, e.Message);
        Assert.Contains("retry_timeout", e.Message, StringComparison.Ordinal);

        // Nothing was written; once the server is back the same call succeeds, once.
        proxy.Down = false;
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [1.0]));
        Assert.Equal(TrialState.Complete, schema.Open().GetTrial(t.TrialId).State);
    }

    [PostgresFact]
    public void ATrialWhoseStartLostItsAnswerIsStartedOnce()
    {
        var s = schema!.Open();
        int study = s.CreateStudy("s", [StudyDirection.Minimize]);

        // The statement committed, its answer was lost: the trial is found by its request token, not created again.
        s.FaultPoint = Once("started", (_, _) => throw new NpgsqlException("simulated loss of the answer", new EndOfStreamException()));
        var first = s.ClaimOrCreateTrialWithHeartbeat(study);

        // The session ended before the statement ran: nothing was written, and the next attempt creates the trial.
        s.FaultPoint = Once("start", (_, c) => Terminate(c.ProcessID));
        var second = s.CreateTrialWithHeartbeat(study);

        // A claim of a Waiting trial whose answer was lost is found as well: the trial is claimed once, not twice.
        var waiting = s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        var later = s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        s.FaultPoint = Once("started", (_, _) => throw new NpgsqlException("simulated loss of the answer", new EndOfStreamException()));
        var claimed = s.ClaimWaitingTrialWithHeartbeat(study);
        s.FaultPoint = null;

        Assert.Equal((0, 1), (first.Number, second.Number));
        Assert.Equal(waiting.TrialId, claimed?.TrialId);
        var stored = schema.Open().GetAllTrials(study);
        Assert.Equal([first.TrialId, second.TrialId, waiting.TrialId, later.TrialId], stored.Select(t => t.TrialId));
        Assert.Equal([TrialState.Running, TrialState.Running, TrialState.Running, TrialState.Waiting], stored.Select(t => t.State));
        Assert.Equal((3, 4), (s.ClaimOrCreateTrial(study).Number, s.ClaimOrCreateTrial(study).Number));
    }

    [PostgresFact]
    public async Task AStartStillRunningOnTheServerWhenItsConnectionIsLostIsEndedBeforeItIsRetried()
    {
        using var proxy = Proxy();
        string app = $"astrolabe-{Guid.NewGuid():N}";
        var s = schema!.Open($"{proxy.Through(schema.ConnectionString)};Application Name={app}");
        int study = s.CreateStudy("s", [StudyDirection.Minimize]);

        // Another session holds the study's row: the start blocks on the server, then its connection is cut.
        using var holder = new NpgsqlConnection(schema.ConnectionString);
        holder.Open();
        using var tx = holder.BeginTransaction();
        using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM astrolabe_studies WHERE study_id = {study} FOR UPDATE", holder, tx))
        {
            lockRow.ExecuteNonQuery();
        }

        var start = Task.Run(() => s.CreateTrialWithHeartbeat(study));
        int blocked = 0;
        await WaitUntil(() => (blocked = Waiting(app, except: 0)) != 0);
        proxy.Cut();

        // The retry blocks in turn. Had the first statement been left running, both would commit once the row is
        // released: two trials. It is ended before the retry, so that exactly one trial is created.
        await WaitUntil(() => Waiting(app, except: blocked) != 0);
        tx.Commit();
        var trial = await start;

        var stored = schema.Open().GetAllTrials(study);
        Assert.Equal([trial.TrialId], stored.Select(t => t.TrialId));
        Assert.Equal(0, trial.Number);
    }

    [PostgresFact]
    public void AFinishWhoseAnswerWasLostIsWrittenAndCountedOnce()
    {
        var s = schema!.Open();
        int study = s.CreateStudy("s", [StudyDirection.Minimize]);
        var t = s.ClaimOrCreateTrialWithHeartbeat(study);
        s.FaultPoint = Once("finish", (_, _) => throw new NpgsqlException("simulated loss of the update's answer", new EndOfStreamException()));
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.5]));
        s.FaultPoint = null;
        var stored = schema.Open().GetTrial(t.TrialId);
        Assert.Equal((TrialState.Complete, 0.5), (stored.State, stored.Value));

        // Another worker's finish of the same trial is still refused.
        Assert.False(schema.Open().SetTrialStateValues(t.TrialId, TrialState.Complete, [0.5]));
    }

    [PostgresFact]
    public async Task AWorkerWhoseServerIsGoneStopsWithOneLineAndExitCodeTwo()
    {
        using var proxy = Proxy();
        var b = new NpgsqlConnectionStringBuilder(schema!.Admin);
        string url = $"postgresql://{b.Username}:{b.Password}@127.0.0.1:{proxy.Port}/{b.Database}?search_path={schema.Name}&retry_timeout=1&connect_timeout=60";
        var storage = schema.Open();
        int study = storage.CreateStudy("w", [StudyDirection.Minimize]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var run = Task.Run(() => CliApp.RunAsync(["worker", "--storage", url, "--study", "w", "--trials", "100000", "--heartbeat", "1", "--grace", "60"], stdout, stderr));
        await WaitUntil(() => run.IsCompleted || storage.GetTrialCount(study, [TrialState.Complete]) >= 3);
        proxy.Down = true;
        proxy.Cut();
        int code = await run.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(2, code);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"error: Cannot use the PostgreSQL database '{b.Database}' at 127.0.0.1:{proxy.Port}", line, StringComparison.Ordinal);
        Assert.Matches(GaveUp, line);
    }

    [Fact]
    public void AServerThatDoesNotAnswerIsNamedWithinTheConnectTimeout()
    {
        // The listener's backlog completes the TCP handshake, and then nothing ever answers the start-up message.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<PostgresConnectionException>(() => new PostgresStorage($"postgresql://u:p@127.0.0.1:{port}/db?connect_timeout=1"));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"reported after {clock.Elapsed}");
            Assert.Contains($"Cannot use the PostgreSQL database 'db' at 127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
            Assert.Contains("no answer within the connect timeout of 1 s", e.Message, StringComparison.Ordinal);

            // Without connect_timeout the wait is short too (not Npgsql's 15 s, five times over).
            clock.Restart();
            e = Assert.Throws<PostgresConnectionException>(() => new PostgresStorage($"Host=127.0.0.1;Port={port};Username=u;Database=db"));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"reported after {clock.Elapsed}");
            Assert.Contains($"no answer within the connect timeout of {PostgresStorage.DefaultConnectTimeoutSeconds} s", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            silent.Stop();
        }
    }

    [PostgresFact]
    public void TheTimeoutsAreReadFromTheConnectionStringAndTheUrl()
    {
        var b = new NpgsqlConnectionStringBuilder(schema!.Admin);
        string url = $"postgresql://{b.Username}:{b.Password}@{b.Host}:{b.Port}/{b.Database}?search_path={schema.Name}";
        using var defaults = new PostgresStorage(url);
        Assert.Equal((TimeSpan.FromSeconds(PostgresStorage.DefaultConnectTimeoutSeconds), PostgresStorage.DefaultRetryTimeout), (defaults.ConnectTimeout, defaults.RetryTimeout));
        using var fromUrl = new PostgresStorage(url + "&connect_timeout=3&retry_timeout=2.5");
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2.5)), (fromUrl.ConnectTimeout, fromUrl.RetryTimeout));
        using var fromString = new PostgresStorage(schema.ConnectionString + ";Timeout=7;Retry Timeout=0");
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.Zero), (fromString.ConnectTimeout, fromString.RetryTimeout));

        var e = Assert.Throws<ArgumentException>(() => new PostgresStorage(url + "&retry_timeout=soon"));
        Assert.Contains("Retry Timeout must be a number of seconds, zero or more; got 'soon'", e.Message, StringComparison.Ordinal);
        Assert.Contains(":***@", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PostgresStorage(schema.ConnectionString + ";Retry Timeout=-1"));
    }

    public void Dispose()
    {
        proxies.ForEach(p => p.Dispose());
        schema?.Dispose();
    }

    private TcpProxy Proxy()
    {
        var b = new NpgsqlConnectionStringBuilder(schema!.Admin);
        var proxy = new TcpProxy(b.Host!, b.Port);
        proxies.Add(proxy);
        return proxy;
    }

    /// <summary>A fault point that acts once, at the named point.</summary>
    private static Action<string, NpgsqlConnection> Once(string point, Action<string, NpgsqlConnection> fault)
    {
        int done = 0;
        return (p, c) =>
        {
            if (p == point && Interlocked.Exchange(ref done, 1) == 0)
            {
                fault(p, c);
            }
        };
    }

    /// <summary>Ends a server session and waits until it is gone (as a restart ends every session: 57P01).</summary>
    private void Terminate(int processId) => Admin($"SELECT pg_terminate_backend({processId}, 30000)");

    /// <summary>A server process, other than <paramref name="except"/>, of this application's sessions that waits on a lock; 0: none.</summary>
    private int Waiting(string applicationName, int except) => Convert.ToInt32(
        AdminScalar($"SELECT COALESCE(MIN(pid), 0) FROM pg_stat_activity WHERE application_name = '{applicationName}' AND wait_event_type = 'Lock' AND pid <> {except}"),
        System.Globalization.CultureInfo.InvariantCulture);

    private object? AdminScalar(string sql)
    {
        using var c = new NpgsqlConnection(schema!.Admin);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    private void TerminateSessions(string applicationName) =>
        Admin($"SELECT pg_terminate_backend(pid, 30000) FROM pg_stat_activity WHERE application_name = '{applicationName}'");

    private void Admin(string sql)
    {
        using var c = new NpgsqlConnection(schema!.Admin);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 2 minutes");
            await Task.Delay(20);
        }
    }
}
