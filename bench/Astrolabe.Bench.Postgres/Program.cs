using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Npgsql;

// PostgreSQL benchmarks. Modes:
//   url <connection string>                          prints the same server as an Optuna (SQLAlchemy) URL
//   throughput <connection string> <workers> <seconds>  N worker processes on one study; prints "workers trials span_s trials_per_s"
//   worker <connection string> <study> <seconds> <seed>  one worker process (started by `throughput`)
//   best <connection string> <trials>                 builds a study of that many trials, times reading its best trial
//   probe <connection string>                          average time of each storage call of a trial (300 trials)
string mode = args[0];
string connection = args[1];
var inv = CultureInfo.InvariantCulture;
switch (mode)
{
    case "url":
        var b = new NpgsqlConnectionStringBuilder(connection);
        Console.WriteLine($"postgresql+psycopg2://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database!)}");
        break;
    case "worker":
        Worker(args[2], double.Parse(args[3], inv), int.Parse(args[4], inv));
        break;
    case "throughput":
        Throughput(int.Parse(args[2], inv), double.Parse(args[3], inv));
        break;
    case "probe":
        Probe();
        break;
    case "best":
        Best(int.Parse(args[2], inv));
        break;
    default:
        throw new ArgumentException($"Unknown mode '{mode}'.");
}

void Worker(string name, double seconds, int seed)
{
    using var storage = new PostgresStorage(connection);
    var study = Study.Create(new StudyOptions { StudyName = name, Storage = storage, LoadIfExists = true, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }) });
    study.Optimize(t =>
    {
        double x = t.SuggestFloat("x", -5, 5);
        return x * x;
    }, new OptimizeOptions { Timeout = TimeSpan.FromSeconds(seconds) });
}

void Throughput(int workers, double seconds)
{
    string name = $"bench-{workers}-{Guid.NewGuid():N}";
    using var storage = new PostgresStorage(connection);
    int id = storage.CreateStudy(name, [StudyDirection.Minimize]);
    string self = typeof(Program).Assembly.Location;
    var processes = Enumerable.Range(0, workers).Select(i =>
    {
        var info = new ProcessStartInfo("dotnet");
        foreach (string a in new[] { self, "worker", connection, name, seconds.ToString(inv), i.ToString(inv) })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }).ToList();
    foreach (var p in processes)
    {
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"A worker exited with {p.ExitCode}.");
        }
    }

    // Rate over the span from the first trial's start to the last one's end: process start-up is not counted.
    var complete = storage.GetAllTrials(id, [TrialState.Complete]);
    double span = (complete.Max(t => t.DatetimeComplete!.Value) - complete.Min(t => t.DatetimeStart!.Value)).TotalSeconds;
    Console.WriteLine(string.Create(inv, $"{workers} {complete.Count} {span:F3} {complete.Count / span:F1}"));
    storage.DeleteStudy(id);
}

void Best(int trials)
{
    string name = $"bench-best-{Guid.NewGuid():N}";
    int id;
    using (var storage = new PostgresStorage(connection))
    {
        id = storage.CreateStudy(name, [StudyDirection.Minimize]);
    }

    var build = Stopwatch.StartNew();
    using (var c = new NpgsqlConnection(connection))
    {
        c.Open();
        string dist = DistributionJson.Serialize(new FloatDistribution(-5, 5));
        using var batch = new NpgsqlBatch(c);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(string.Create(inv, $"""
            INSERT INTO astrolabe_trials(study_id, number, state, value0, vals, datetime_start, datetime_complete)
            SELECT {id}, n, 1, x * x, ARRAY[x * x], 0, 1 FROM (SELECT n, 5 * sin(n * 7.31 + 1) AS x FROM generate_series(0, {trials - 1}) n) s
            """)));
        var param = new NpgsqlBatchCommand(string.Create(inv, $"INSERT INTO astrolabe_trial_params(trial_id, seq, name, value, distribution) SELECT trial_id, 0, 'x', sqrt(value0), $1 FROM astrolabe_trials WHERE study_id = {id}"));
        param.Parameters.Add(new NpgsqlParameter { Value = dist });
        batch.BatchCommands.Add(param);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(string.Create(inv, $"UPDATE astrolabe_studies SET next_number = {trials} WHERE study_id = {id}")));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE astrolabe_trials"));
        batch.ExecuteNonQuery();
    }

    double buildSeconds = build.Elapsed.TotalSeconds;
    var times = new List<double>();
    FrozenTrial? best = null;
    for (int i = 0; i < 21; i++)
    {
        // A fresh storage each time: no trial is cached, as for a new process asking for the best trial.
        using var fresh = new PostgresStorage(connection);
        fresh.GetStudyName(id); // the pool's connection is open: the timing is the query, not the log-in
        var clock = Stopwatch.StartNew();
        best = fresh.GetBestTrial(id);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    using var reader = new PostgresStorage(connection);
    var all = Stopwatch.StartNew();
    int count = reader.GetAllTrials(id).Count;
    double allSeconds = all.Elapsed.TotalSeconds;
    var again = Stopwatch.StartNew();
    reader.GetAllTrials(id);
    double againSeconds = again.Elapsed.TotalSeconds;
    times.Sort();
    Console.WriteLine(string.Create(inv, $"trials {count} built_s {buildSeconds:F2} best_number {best!.Number} best_ms_median {times[times.Count / 2]:F2} best_ms_first {times[0]:F2}..{times[^1]:F2} all_trials_cold_s {allSeconds:F2} all_trials_cached_s {againSeconds:F3}"));
    reader.DeleteStudy(id);
}

void Probe()
{
    using var s = new PostgresStorage(connection);
    int id = s.CreateStudy($"probe-{Guid.NewGuid():N}", [StudyDirection.Minimize]);
    var d = new FloatDistribution(-5, 5);
    var sw = new Dictionary<string, double>();
    void T(string k, Action a)
    {
        var c = Stopwatch.StartNew();
        a();
        sw[k] = sw.GetValueOrDefault(k) + c.Elapsed.TotalMilliseconds;
    }

    for (int i = 0; i < 300; i++)
    {
        FrozenTrial t = null!;
        T("claim or create", () => t = s.ClaimOrCreateTrial(id));
        T("param", () => s.SetTrialParam(t.TrialId, "x", 1, d));
        T("get", () => s.GetTrial(t.TrialId));
        T("state", () => s.SetTrialStateValues(t.TrialId, TrialState.Complete, [1.0]));
        T("get2", () => s.GetTrial(t.TrialId));
    }

    foreach (var (k, v) in sw)
    {
        Console.WriteLine(string.Create(inv, $"{k} {v / 300:F3} ms"));
    }
}
