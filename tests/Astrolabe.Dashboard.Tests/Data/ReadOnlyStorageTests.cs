namespace Astrolabe.Dashboard.Tests.Data;

public sealed class ReadOnlyStorageTests
{
    [Fact]
    public void ReadsPassThroughAndEveryWriteIsRefused()
    {
        var inner = new InMemoryStorage();
        int id = inner.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = inner.CreateTrial(id);
        var storage = new ReadOnlyStorage(inner);
        Assert.Equal("s", storage.GetStudyName(id));
        Assert.Single(storage.GetAllTrials(id));

        Action[] writes =
        [
            () => storage.CreateStudy("t", [StudyDirection.Minimize]),
            () => storage.DeleteStudy(id),
            () => storage.SetStudyUserAttr(id, "k", 1),
            () => storage.SetStudySystemAttr(id, "k", 1),
            () => storage.NextCounterValue(id, "k"),
            () => storage.CreateTrial(id),
            () => storage.ClaimWaitingTrial(id),
            () => storage.SetTrialParam(trial.TrialId, "x", 0.5, new FloatDistribution(0, 1)),
            () => storage.SetTrialStateValues(trial.TrialId, TrialState.Complete, [1.0]),
            () => storage.SetTrialIntermediateValue(trial.TrialId, 0, 1),
            () => storage.SetTrialUserAttr(trial.TrialId, "k", 1),
            () => storage.SetTrialSystemAttr(trial.TrialId, "k", 1),
        ];
        foreach (var write in writes)
        {
            var e = Assert.Throws<InvalidOperationException>(write);
            Assert.EndsWith("is not allowed (the dashboard never writes to a study).", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(TrialState.Running, inner.GetTrial(trial.TrialId).State);
        Assert.Single(inner.GetAllStudies());
    }
}
