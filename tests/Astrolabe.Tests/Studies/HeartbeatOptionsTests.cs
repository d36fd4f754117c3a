namespace Astrolabe.Tests.Studies;

public sealed class HeartbeatOptionsTests
{
    [Fact]
    public void InvalidHeartbeatSettingsAreRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), GracePeriod = TimeSpan.FromSeconds(5) }));
        Assert.Contains("grace period must be at least the heartbeat interval", e.Message, StringComparison.Ordinal);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.Zero })).Message, StringComparison.Ordinal);
        Assert.Contains("need a HeartbeatInterval", Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { GracePeriod = TimeSpan.FromSeconds(1) })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntervalsBeyondWhatATimerCanWaitAreRefusedWhenTheStudyIsCreated()
    {
        // A wait handle takes at most int.MaxValue milliseconds; a longer interval used to crash the heartbeat thread.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.FromDays(30) }));
        Assert.Contains("at most", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), GracePeriod = TimeSpan.MaxValue }));
        Assert.NotNull(Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.FromDays(24), GracePeriod = TimeSpan.FromDays(365) }));
    }

    [Fact]
    public void WithoutAHeartbeatStorageNothingIsFailed()
    {
        var study = Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(10) });
        var running = study.Ask();
        Thread.Sleep(50);
        Assert.Empty(study.FailStaleTrials());
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 2);
        Assert.Equal(TrialState.Running, study.Storage.GetTrial(running.TrialId).State);
    }

    [Fact]
    public void TheRetryCallbackEnqueuesACopyAndStopsAfterMaxRetry()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        var t = study.Ask();
        t.SuggestInt("n", 1, 9);
        t.SetUserAttr("note", "a");
        var failed = study.Tell(t, TrialState.Fail);
        var callback = new RetryFailedTrialCallback(maxRetry: 1);
        callback.Invoke(study, failed);
        var retry = study.Ask();
        Assert.Equal(Convert.ToInt64(failed.Params["n"], System.Globalization.CultureInfo.InvariantCulture), retry.SuggestInt("n", 1, 9));
        var retried = study.Tell(retry, TrialState.Fail);
        Assert.Equal("a", retried.UserAttrs["note"]);
        Assert.Equal(0L, retried.SystemAttrs[SystemAttrKeys.FailedTrial]);
        callback.Invoke(study, retried);
        Assert.Equal(2, study.Trials.Count);
        Assert.Contains("zero or positive", Assert.Throws<ArgumentOutOfRangeException>(() => new RetryFailedTrialCallback(-1)).Message, StringComparison.Ordinal);
    }
}
