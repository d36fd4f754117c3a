using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>What the contract suite does not cover: URLs, connection errors, schema versions, concurrency, heartbeats.</summary>
public sealed class PostgresStorageTests : IDisposable
{
    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();

    [Fact]
    public void UrlsBecomeConnectionStrings()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgresql://ann:p%40ss@db.example:6543/studies?sslmode=disable&search_path=s1"));
        Assert.Equal(("ann", "p@ss", "db.example", 6543, "studies", "s1"), (b.Username, b.Password, b.Host, b.Port, b.Database, b.SearchPath));
        Assert.Equal(SslMode.Disable, b.SslMode);
        var optuna = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgresql+psycopg2://u@localhost/optuna"));
        Assert.Equal((5432, "optuna", "u"), (optuna.Port, optuna.Database, optuna.Username));
        Assert.Equal("postgresql://ann:***@h/db", PostgresUrl.Redact("postgresql://ann:secret@h/db"));
        var e = Assert.Throws<ArgumentException>(() => PostgresUrl.ToConnectionString("postgresql://u@h/db?frobnicate=1"));
        Assert.Contains("Unknown or invalid PostgreSQL URL option 'frobnicate=1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not a PostgreSQL URL", Assert.Throws<ArgumentException>(() => PostgresUrl.ToConnectionString("mysql://h/db")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableServerIsReportedClearly()
    {
        var e = Assert.Throws<PostgresConnectionException>(() => new PostgresStorage($"postgresql://u:p@127.0.0.1:{ClosedPort()}/db?connect_timeout=5"));
        Assert.Contains("Cannot use the PostgreSQL database 'db' at 127.0.0.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("is the server running and reachable?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":p@", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void WrongCredentialsAreReportedClearly()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresServer.Require()) { Password = "not-the-password" };
        var e = Assert.Throws<PostgresConnectionException>(() => new PostgresStorage(b.ConnectionString));
        Assert.Contains("password authentication failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void ANewerSchemaIsRefused()
    {
        schema!.Open().Dispose();
        schema.Exec($"UPDATE {schema.Name}.astrolabe_schema_version SET version = 99");
        var e = Assert.Throws<InvalidDataException>(() => new PostgresStorage(schema.ConnectionString));
        Assert.Contains("schema version 99; this version of Astrolabe reads up to 2", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AVersionOneSchemaIsReadAsItIsAndUpgradedOnceByTheWritersThatOpenIt()
    {
        // A version-1 storage: the same tables without the trials' request tokens.
        var old = schema!.Open();
        int study = old.CreateStudy("s", [StudyDirection.Minimize]);
        var done = old.CreateTrial(study, new FrozenTrial { State = TrialState.Complete, Values = [0.5], InternalParams = new Dictionary<string, double> { ["x"] = 0.25 }, Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) } });
        old.Dispose();
        schema.Exec($"ALTER TABLE {schema.Name}.astrolabe_trials DROP COLUMN create_request, DROP COLUMN claim_request");
        schema.Exec($"UPDATE {schema.Name}.astrolabe_schema_version SET version = 1");

        // Read-only: read, not upgraded.
        using (var reader = PostgresStorage.OpenReadOnly(schema.ConnectionString))
        {
            Assert.Equal(0.25, reader.GetTrial(done.TrialId).Params["x"]);
        }

        Assert.Equal(1, Version());

        // Four writers opening together: one upgrades, all start trials, the old trial is kept.
        var writers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(schema.Open)));
        Assert.Equal(2, Version());
        var numbers = await Task.WhenAll(writers.Select(w => Task.Run(() => w.ClaimOrCreateTrialWithHeartbeat(study).Number)));
        Assert.Equal([1, 2, 3, 4], numbers.Order());
        var stored = schema.Open().GetTrial(done.TrialId);
        Assert.Equal((TrialState.Complete, 0.5, 0.25), (stored.State, stored.Value, stored.Params["x"]));
    }

    [PostgresFact]
    public async Task StoragesStartingTogetherShareOneSchemaAndNeverReuseANumber()
    {
        // Four "processes" (separate storages and pools) create the schema and trials at the same time.
        var storages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(schema!.Open)));
        int study = storages[0].CreateStudy("s", [StudyDirection.Minimize]);
        var numbers = await Task.WhenAll(storages.SelectMany(s => Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 50).Select(_ => s.CreateTrial(study).Number).ToList()))));
        Assert.Equal(Enumerable.Range(0, 800), numbers.SelectMany(n => n).Order());
    }

    [PostgresFact]
    public async Task OnlyOneOfManyCallersFinishesATrial()
    {
        var a = schema!.Open();
        var b = schema.Open();
        int study = a.CreateStudy("s", [StudyDirection.Minimize]);
        var trials = Enumerable.Range(0, 20).Select(_ => a.CreateTrial(study)).ToList();
        var wins = await Task.WhenAll(trials.SelectMany(t => new[] { a, b, a, b }.Select((s, i) => Task.Run(() => s.SetTrialStateValues(t.TrialId, TrialState.Complete, [i])))));
        Assert.Equal(20, wins.Count(w => w));
        Assert.All(b.GetAllTrials(study), t => Assert.Equal(TrialState.Complete, t.State));
    }

    [PostgresFact]
    public void AWorkerWhoseTrialAnotherWorkerFailedSeesItFailed()
    {
        // The worker reads its running trial from its own snapshot; once another worker has failed it (a
        // missed heartbeat), the worker's next write is refused and it reads the trial as it is stored.
        var worker = schema!.Open();
        var other = schema.Open();
        int study = worker.CreateStudy("stale", [StudyDirection.Minimize]);
        var t = worker.ClaimOrCreateTrialWithHeartbeat(study);
        worker.SetTrialParam(t.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        schema.Exec($"UPDATE {schema.Name}.astrolabe_trials SET heartbeat = heartbeat - 60000 WHERE trial_id = {t.TrialId}");
        Assert.Single(other.FailStaleTrials(study, TimeSpan.FromSeconds(30)));
        Assert.False(worker.SetTrialStateValues(t.TrialId, TrialState.Complete, [1.0]));
        var seen = worker.GetTrial(t.TrialId);
        Assert.Equal(TrialState.Fail, seen.State);
        Assert.Equal(0.5, seen.InternalParams["x"]);

        var u = worker.ClaimOrCreateTrialWithHeartbeat(study);
        schema.Exec($"UPDATE {schema.Name}.astrolabe_trials SET heartbeat = heartbeat - 60000 WHERE trial_id = {u.TrialId}");
        Assert.Single(other.FailStaleTrials(study, TimeSpan.FromSeconds(30)));
        var e = Assert.Throws<InvalidOperationException>(() => worker.SetTrialParam(u.TrialId, "x", 0.5, new FloatDistribution(0, 1)));
        Assert.Contains("Fail", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, worker.GetTrial(u.TrialId).State);
    }

    [PostgresFact]
    public void TrialsStartedWithAHeartbeatNameTheirWorkerFromTheStart()
    {
        // In the statement that creates or claims them: a worker killed right after still left its name.
        var s = schema!.Open();
        int study = s.CreateStudy("w", [StudyDirection.Minimize]);
        string me = $"{Environment.MachineName}:{Environment.ProcessId}";
        var created = s.CreateTrialWithHeartbeat(study);
        var createdToo = s.ClaimOrCreateTrialWithHeartbeat(study);
        s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting, SystemAttrs = new Dictionary<string, object?> { [SystemAttrKeys.Worker] = "gone:1" } });
        var claimed = s.ClaimWaitingTrialWithHeartbeat(study)!;
        s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        var claimedToo = s.ClaimOrCreateTrialWithHeartbeat(study);
        var reserved = s.CreateTrialWithHeartbeat(study, new FrozenTrial { State = TrialState.Running, SystemAttrs = new Dictionary<string, object?> { [SystemAttrKeys.GridId] = 3 } });
        var plain = s.CreateTrial(study);
        var other = schema.Open();
        foreach (var t in new[] { created, createdToo, claimed, claimedToo, reserved })
        {
            Assert.Equal(me, t.SystemAttrs[SystemAttrKeys.Worker]);
            Assert.Equal(me, other.GetTrial(t.TrialId).SystemAttrs[SystemAttrKeys.Worker]);
        }

        Assert.Equal(3L, Convert.ToInt64(other.GetTrial(reserved.TrialId).SystemAttrs[SystemAttrKeys.GridId], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(SystemAttrKeys.Worker, other.GetTrial(plain.TrialId).SystemAttrs.Keys);
    }

    [PostgresFact]
    public void ATrialBeingFinishedIsNeverReadAsRunningOnceItsUpdateCommitted()
    {
        // Another thread of the worker (a pruner reading the best trial) right after the finishing update committed.
        var s = schema!.Open();
        int study = s.CreateStudy("best", [StudyDirection.Minimize]);
        var t = s.ClaimOrCreateTrialWithHeartbeat(study);
        FrozenTrial? seen = null;
        s.FaultPoint = (point, _) => seen ??= point == "finish" ? s.GetBestTrial(study) : null;
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.5]));
        Assert.Equal((TrialState.Complete, 0.5), (seen!.State, seen.Value));
        Assert.Equal((TrialState.Complete, 0.5), (s.GetTrial(t.TrialId).State, s.GetTrial(t.TrialId).Value));
    }

    [PostgresFact]
    public void StaleTrialsAreFailedOnceAndLiveOnesAreKept()
    {
        var s = schema!.Open();
        int study = s.CreateStudy("hb", [StudyDirection.Minimize]);
        var dead = s.CreateTrial(study);
        var live = s.CreateTrial(study);
        var silent = s.CreateTrial(study);
        s.RecordHeartbeat(dead.TrialId);
        s.RecordHeartbeat(live.TrialId);
        schema.Exec($"UPDATE {schema.Name}.astrolabe_trials SET heartbeat = heartbeat - 60000 WHERE trial_id = {dead.TrialId}");
        var failed = s.FailStaleTrials(study, TimeSpan.FromSeconds(30));
        var one = Assert.Single(failed);
        Assert.Equal((dead.TrialId, TrialState.Fail), (one.TrialId, one.State));
        Assert.StartsWith(StorageRules.StaleTrialFailReason, (string)one.SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
        Assert.Empty(s.FailStaleTrials(study, TimeSpan.FromSeconds(30)));
        Assert.Equal(TrialState.Running, s.GetTrial(live.TrialId).State);
        Assert.Equal(TrialState.Running, s.GetTrial(silent.TrialId).State);
        s.RecordHeartbeat(dead.TrialId);
        Assert.Equal(TrialState.Fail, s.GetTrial(dead.TrialId).State);
    }

    [PostgresFact]
    public void TheBestTrialOfAHundredThousandIsReadThroughTheIndex()
    {
        var s = schema!.Open();
        int study = s.CreateStudy("big", [StudyDirection.Maximize]);
        schema.Exec($"""
            INSERT INTO {schema.Name}.astrolabe_trials(study_id, number, state, value0, vals)
            SELECT {study}, n, 1, v, ARRAY[v] FROM (SELECT n, sin(n) AS v FROM generate_series(0, 99999) n) x;
            UPDATE {schema.Name}.astrolabe_studies SET next_number = 100000;
            ANALYZE {schema.Name}.astrolabe_trials;
            """);
        var best = s.GetBestTrial(study);
        Assert.Equal(Enumerable.Range(0, 100_000).MaxBy(n => Math.Sin(n)), best.Number);
        Assert.Equal(100_000, s.GetTrialCount(study, [TrialState.Complete]));
        Assert.Equal(100_000, s.CreateTrial(study).Number);
        using var c = new NpgsqlConnection(schema.ConnectionString);
        c.Open();
        using var explain = new NpgsqlCommand($"EXPLAIN SELECT trial_id FROM astrolabe_trials WHERE study_id = {study} AND state = 1 AND value0 = (SELECT MAX(value0) FROM astrolabe_trials WHERE study_id = {study} AND state = 1) ORDER BY number LIMIT 1", c);
        using var r = explain.ExecuteReader();
        var plan = new List<string>();
        while (r.Read())
        {
            plan.Add(r.GetString(0));
        }

        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>The schema version the test schema records.</summary>
    private int Version()
    {
        using var c = new NpgsqlConnection(schema!.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT MAX(version) FROM astrolabe_schema_version", c);
        return (int)cmd.ExecuteScalar()!;
    }

    public void Dispose() => schema?.Dispose();
}
