namespace Astrolabe.Dashboard.Tests.Data;

public sealed class ReadOnlyStorageTests
{
    [Fact]
    public void ReadsPassThroughAndTheViewIsNoStorage()
    {
        var inner = new InMemoryStorage();
        int id = inner.CreateStudy("s", [StudyDirection.Minimize]);
        inner.SetStudyUserAttr(id, "k", 1L);
        var trial = inner.CreateTrial(id);
        inner.SetTrialStateValues(trial.TrialId, TrialState.Complete, [2.0]);
        IStudyReader reader = new ReadOnlyStorage(inner);

        Assert.Equal(id, reader.GetStudyId("s"));
        Assert.Equal("s", reader.GetStudyName(id));
        Assert.Equal([StudyDirection.Minimize], reader.GetStudyDirections(id));
        Assert.Equal("s", Assert.Single(reader.GetAllStudies()).StudyName);
        Assert.Equal(1L, reader.GetStudyUserAttrs(id)["k"]);
        Assert.Empty(reader.GetStudySystemAttrs(id));
        Assert.Equal(2.0, reader.GetTrial(trial.TrialId).Value);
        Assert.Single(reader.GetAllTrials(id, [TrialState.Complete]));
        Assert.Equal(0, reader.GetTrialCount(id, [TrialState.Running]));
        Assert.Equal(trial.TrialId, reader.GetBestTrial(id).TrialId);

        // Nothing can write through it: it is not a storage, so a cast cannot reach the one behind it.
        Assert.False(reader is IStorage);
    }
}
