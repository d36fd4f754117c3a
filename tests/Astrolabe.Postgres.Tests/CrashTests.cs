namespace Astrolabe.Postgres.Tests;

/// <summary>Workers killed with SIGKILL in the middle of trials, again and again, while others carry on.</summary>
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
        string[] options = ["--trial-delay", "0.2", "--heartbeat", "0.3", "--grace", "1.5", "--retry-failed", "1"];
        int seed = 0;
        WorkerProcess Start(int trials) => new(schema.Url, Study, trials, seed++, options);
        var survivors = new List<WorkerProcess> { Start(40), Start(40) };
        var victims = new List<WorkerProcess> { Start(1000), Start(1000) };
        var killed = new List<int>();
        var survivorNames = survivors.Select(s => WorkerProcess.Name(s.Id)).ToList();
        try
        {
            for (int round = 0; round < 3; round++)
            {
                // Kill only when both victims are in the middle of a trial.
                await WaitUntil(() => RunningWorkers(storage, studyId).IsSupersetOf(victims.Select(v => WorkerProcess.Name(v.Id))));
                foreach (var v in victims)
                {
                    v.Kill();
                    killed.Add(v.Id);
                    v.Dispose();
                }

                victims = round < 2 ? [Start(1000), Start(1000)] : [Start(25), Start(25)];
            }

            foreach (var w in survivors.Concat(victims))
            {
                await w.FinishAsync();
            }
        }
        finally
        {
            survivors.ForEach(w => w.Dispose());
            victims.ForEach(w => w.Dispose());
        }

        var trials = storage.GetAllTrials(studyId);
        Assert.All(trials, t => Assert.True(t.State.IsFinished(), $"trial {t.Number} ended {t.State}"));
        var stale = trials.Where(t => t.SystemAttrs.TryGetValue(SystemAttrKeys.FailReason, out var r) && ((string)r!).StartsWith(StorageRules.StaleTrialFailReason, StringComparison.Ordinal)).ToList();

        // A killed worker's trial in progress became Fail (with the reason); everything else completed. A kill
        // can land between two trials, so there is at most one such trial per kill.
        var killedNames = killed.Select(WorkerProcess.Name).ToHashSet();
        Assert.InRange(stale.Count, (killed.Count + 1) / 2, killed.Count);
        Assert.All(stale, t =>
        {
            Assert.Equal(TrialState.Fail, t.State);
            Assert.Contains((string)t.UserAttrs["worker"]!, killedNames);
        });
        Assert.All(stale.GroupBy(t => t.UserAttrs["worker"]), g => Assert.Single(g));
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
        Assert.Equal(2 * 40, complete.Count(t => survivorNames.Contains((string)t.UserAttrs["worker"]!)));
    }

    /// <summary>A parameter value and its stored (JSON) copy: strings equal, numbers equal whatever their type.</summary>
    private static bool SameValue(object? a, object? b) => a is string || b is string
        ? Equals(a, b)
        : Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The workers (by process id) that have a Running trial now.</summary>
    private static HashSet<string> RunningWorkers(PostgresStorage storage, int studyId) =>
        storage.GetAllTrials(studyId, [TrialState.Running]).Select(t => t.UserAttrs.TryGetValue("worker", out var w) ? (string)w! : "").ToHashSet();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the workers did not start trials within 60 s");
            await Task.Delay(20);
        }
    }

    public void Dispose() => schema?.Dispose();
}
