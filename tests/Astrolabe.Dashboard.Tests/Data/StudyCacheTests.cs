namespace Astrolabe.Dashboard.Tests.Data;

public sealed class StudyCacheTests
{
    [Fact]
    public void ARefreshSeesFinishedReportedAndAddedTrials()
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { StudyName = "s", Storage = storage });
        var cache = new StudyCache(storage, TimeSpan.Zero);
        var running = study.Ask();
        running.SuggestFloat("x", 0, 1);
        var first = cache.Get(study.StudyId);
        Assert.Equal(TrialState.Running, Assert.Single(first.Trials).State);

        running.Report(0.5, 3);
        var reported = cache.Get(study.StudyId);
        Assert.NotEqual(first.Version, reported.Version);
        Assert.Equal(0.5, reported.Trials[0].IntermediateValues[3]);

        study.Tell(running, 0.25);
        var finished = cache.Get(study.StudyId);
        Assert.Equal(TrialState.Complete, finished.Trials[0].State);
        Assert.NotEqual(reported.Version, finished.Version);
        Assert.Same(finished, cache.Get(study.StudyId)); // nothing changed: the same snapshot

        study.Tell(study.Ask(), 1.0);
        Assert.Equal(2, cache.Get(study.StudyId).Trials.Count);
    }

    [Fact]
    public void ASnapshotYoungerThanTheMaximumAgeIsNotReRead()
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { StudyName = "s", Storage = storage });
        var cache = new StudyCache(storage, TimeSpan.FromHours(1));
        Assert.Empty(cache.Get(study.StudyId).Trials);
        study.Tell(study.Ask(), 1.0);
        Assert.Empty(cache.Get(study.StudyId).Trials);
    }
}
