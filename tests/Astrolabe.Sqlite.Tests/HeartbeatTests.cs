namespace Astrolabe.Sqlite.Tests;

/// <summary>Heartbeats on SQLite: dead workers' trials are failed (and retried when asked), live ones are kept.</summary>
public sealed class HeartbeatTests : IDisposable
{
    private readonly TempDatabase file = new();

    [Fact]
    public void StaleTrialsAreFailedOnceWithTheReason()
    {
        using var s = new SqliteStorage(file.Path);
        int study = s.CreateStudy("hb", [StudyDirection.Minimize]);
        var dead = s.CreateTrialWithHeartbeat(study);
        var silent = s.CreateTrial(study);
        Thread.Sleep(300);
        var live = s.CreateTrialWithHeartbeat(study);
        var failed = s.FailStaleTrials(study, TimeSpan.FromMilliseconds(200));
        var one = Assert.Single(failed);
        Assert.Equal((dead.TrialId, TrialState.Fail), (one.TrialId, one.State));
        Assert.StartsWith(StorageRules.StaleTrialFailReason, (string)one.SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
        Assert.Empty(s.FailStaleTrials(study, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(TrialState.Running, s.GetTrial(silent.TrialId).State);
        Assert.Equal(TrialState.Running, s.GetTrial(live.TrialId).State);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.FailStaleTrials(study, TimeSpan.Zero));
    }

    [Fact]
    public void OptimizeFailsADeadWorkersTrialAndRetriesItWithTheSameParameters()
    {
        using var s = new SqliteStorage(file.Path);
        var options = new StudyOptions
        {
            StudyName = "retry",
            Storage = s,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }),
            HeartbeatInterval = TimeSpan.FromMilliseconds(50),
            GracePeriod = TimeSpan.FromMilliseconds(200),
            FailedTrialCallback = new RetryFailedTrialCallback(maxRetry: 1).Invoke,
        };
        var study = Study.Create(options);

        // A worker that died mid-trial: one heartbeat, a parameter, then silence.
        var dead = s.CreateTrialWithHeartbeat(study.StudyId);
        s.SetTrialParam(dead.TrialId, "x", 1.25, new FloatDistribution(-2, 2));
        Thread.Sleep(300);
        var seen = new List<double>();
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", -2, 2);
            seen.Add(x);
            return x * x;
        }, nTrials: 3);
        var trials = study.Trials;
        Assert.Equal(TrialState.Fail, trials[0].State);
        Assert.StartsWith(StorageRules.StaleTrialFailReason, (string)trials[0].SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
        var retry = trials[1];
        Assert.Equal(TrialState.Complete, retry.State);
        Assert.Equal(1.25, retry.Params["x"]);
        Assert.Equal(0L, retry.SystemAttrs[SystemAttrKeys.FailedTrial]);
        Assert.Equal(new object?[] { 0L }, (IEnumerable<object?>)retry.SystemAttrs[SystemAttrKeys.RetryHistory]!);
        Assert.Equal(1.25, seen[0]);
        Assert.Equal(4, trials.Count);
    }

    [Fact]
    public async Task ALongTrialWithHeartbeatsIsNotFailedByAnotherWorker()
    {
        using var a = new SqliteStorage(file.Path);
        using var b = new SqliteStorage(file.Path);
        // The trial lasts longer than the grace period: only its heartbeats keep it alive. The margins are wide
        // because a loaded machine can delay a heartbeat by a few hundred milliseconds.
        var beat = TimeSpan.FromMilliseconds(100);
        var grace = TimeSpan.FromMilliseconds(1500);
        var slow = Study.Create(new StudyOptions { StudyName = "live", Storage = a, HeartbeatInterval = beat, GracePeriod = grace });
        var other = Study.Create(new StudyOptions { StudyName = "live", Storage = b, HeartbeatInterval = beat, GracePeriod = grace, LoadIfExists = true });
        var run = Task.Run(() => slow.Optimize(t =>
        {
            Thread.Sleep(2500);
            return t.SuggestFloat("x", 0, 1);
        }, nTrials: 1));
        int failed = 0;
        while (!run.IsCompleted)
        {
            failed += other.FailStaleTrials().Count;
            await Task.Delay(20);
        }

        await run;
        Assert.Equal(0, failed);
        Assert.Equal(TrialState.Complete, Assert.Single(slow.Trials).State);
    }

    public void Dispose() => file.Dispose();
}
