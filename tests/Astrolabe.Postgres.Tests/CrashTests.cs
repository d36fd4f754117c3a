using System.Text.Json;
using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>
/// Workers killed with SIGKILL in the middle of trials, again and again, while others carry on. Nothing here
/// waits on time: a victim is frozen (SIGSTOP) and its server sessions ended before it is looked at, so its
/// trials as stored are final; it is killed only while it runs a trial; and that trial is made stale by moving
/// its last heartbeat an hour back (the server's clock, as the workers use it) instead of waiting out the grace
/// period, which is long enough that no live worker's trial is ever taken for dead on a loaded machine.
/// </summary>
[Collection(WorkerProcess.Collection)]
public sealed class CrashTests : IDisposable
{
    private const string Study = "crash";
    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();

    [PostgresFact]
    public async Task KilledWorkersTrialsFailAndAreRetriedWhileSurvivorsFinish()
    {
        var storage = schema!.Open();
        int studyId = storage.CreateStudy(Study, [StudyDirection.Minimize]);
        string[] options = ["--trial-delay", "0.2", "--heartbeat", "1", "--grace", "600", "--retry-failed", "1"];
        int seed = 0;
        var started = new List<WorkerProcess>();
        (WorkerProcess Process, string App) Start(int trials)
        {
            int own = seed++;
            var worker = new WorkerProcess($"{schema.Url}&application_name={schema.Name}-{own}", Study, trials, own, options);
            started.Add(worker);
            return (worker, $"{schema.Name}-{own}");
        }

        var survivors = new[] { Start(40), Start(40) };
        var victims = new[] { Start(1000), Start(1000) };
        var killedTrials = new Dictionary<long, string>();
        try
        {
            for (int round = 0; round < 3; round++)
            {
                foreach (var (victim, app) in victims)
                {
                    long trial = await KillInATrial(studyId, victim, app);
                    killedTrials.Add(trial, victim.Name);
                    schema.Exec($"UPDATE {schema.Name}.astrolabe_trials SET heartbeat = heartbeat - 3600000 WHERE trial_id = {trial}");
                }

                victims = round < 2 ? [Start(1000), Start(1000)] : [Start(25), Start(25)];
            }

            foreach (var (w, _) in survivors.Concat(victims))
            {
                await w.FinishAsync();
            }
        }
        finally
        {
            started.ForEach(w => w.Dispose());
        }

        var survivorNames = survivors.Select(s => s.Process.Name).ToList();
        var trials = storage.GetAllTrials(studyId);
        Assert.All(trials, t => Assert.True(t.State.IsFinished(), $"trial {t.Number} ended {t.State}"));
        var stale = trials.Where(t => t.SystemAttrs.TryGetValue(SystemAttrKeys.FailReason, out var r) && ((string)r!).StartsWith(StorageRules.StaleTrialFailReason, StringComparison.Ordinal)).ToList();

        // Exactly the trials the killed workers were running failed as stale, each naming its worker; everything else completed.
        Assert.Equal(killedTrials.Keys.Order(), stale.Select(t => t.TrialId).Order());
        Assert.All(stale, t =>
        {
            Assert.Equal(TrialState.Fail, t.State);
            Assert.Equal(killedTrials[t.TrialId], t.SystemAttrs[SystemAttrKeys.Worker]);
        });
        Assert.All(trials.Except(stale), t => Assert.Equal(TrialState.Complete, t.State));

        // Every killed first attempt was retried once, with the same parameters. A retry can itself be killed
        // before it has suggested them all (the kill lands as soon as its worker has started the trial), so the
        // retry's fixed parameters are compared, and those it recorded.
        foreach (var failed in stale.Where(t => !t.SystemAttrs.ContainsKey(SystemAttrKeys.RetryHistory)))
        {
            var retry = Assert.Single(trials, t => t.SystemAttrs.TryGetValue(SystemAttrKeys.FailedTrial, out var n) && (long)n! == failed.Number);
            var fixedParams = (IReadOnlyDictionary<string, object?>)retry.SystemAttrs[SystemAttrKeys.FixedParams]!;
            foreach (var (name, value) in failed.Params)
            {
                Assert.True(SameValue(value, fixedParams[name]), $"retry of trial {failed.Number}: {name} = {fixedParams[name]}, first attempt {value}");
                if (retry.Params.TryGetValue(name, out var ran))
                {
                    Assert.Equal(value, ran);
                }
            }
        }

        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        var best = Astrolabe.Study.Load(Study, storage).BestTrial;
        Assert.Equal(complete.Min(t => t.Value!.Value), best.Value);
        Assert.Equal(complete.Where(t => t.Value == best.Value).Min(t => t.Number), best.Number);
        Assert.Equal(2 * 40, complete.Count(t => survivorNames.Contains((string)t.SystemAttrs[SystemAttrKeys.Worker]!)));
        Assert.All(complete, t => Assert.Equal(t.SystemAttrs[SystemAttrKeys.Worker], t.UserAttrs["worker"]));
    }

    /// <summary>
    /// Kills the worker while it runs a trial and returns that trial: freezes it, ends its server sessions (a
    /// statement it had sent finishes or is rolled back first), and kills it if it is running a trial; otherwise
    /// lets it go on (its next call reconnects) and tries again.
    /// </summary>
    private async Task<long> KillInATrial(int studyId, WorkerProcess victim, string appName)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"worker {victim.Name} was never caught running a trial within 2 minutes");
            if (RunningTrials(studyId, victim.Name).Count == 0)
            {
                await Task.Delay(20);
                continue;
            }

            victim.Stop();
            schema!.Exec($"SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity WHERE application_name = '{appName}'");
            var running = RunningTrials(studyId, victim.Name);
            if (running.Count == 1)
            {
                victim.Kill();
                return running[0];
            }

            Assert.Empty(running);
            victim.Continue();
        }
    }

    /// <summary>The Running trials of a worker, read from the database.</summary>
    private List<long> RunningTrials(int studyId, string worker)
    {
        using var c = new NpgsqlConnection(schema!.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand("""
            SELECT t.trial_id FROM astrolabe_trials t JOIN astrolabe_trial_attrs a ON a.trial_id = t.trial_id AND a.kind = 1 AND a.key = $3
            WHERE t.study_id = $1 AND t.state = 0 AND a.value = $2
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter { Value = studyId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(worker) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = SystemAttrKeys.Worker });
        using var r = cmd.ExecuteReader();
        var ids = new List<long>();
        while (r.Read())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }

    /// <summary>A parameter value and its stored (JSON) copy: strings equal, numbers equal whatever their type.</summary>
    private static bool SameValue(object? a, object? b) => a is string || b is string
        ? Equals(a, b)
        : Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => schema?.Dispose();
}
