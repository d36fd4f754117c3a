using Microsoft.Data.Sqlite;

namespace Astrolabe.Sqlite.Tests;

public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDatabase file = new();

    [Fact]
    public void AStudySurvivesReopeningTheFile()
    {
        using (var storage = new SqliteStorage(file.Path))
        {
            var study = Study.Create(new StudyOptions { StudyName = "keep", Storage = storage });
            study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 5);
        }

        using var again = new SqliteStorage(file.Path);
        var loaded = Study.Load("keep", again);
        Assert.Equal(5, loaded.Trials.Count);
        loaded.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 2);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], loaded.Trials.Select(t => t.Number));
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsAClearError()
    {
        File.WriteAllText(file.Path, "this is not a database, just some text that is long enough to fill a header page......");
        var e = Assert.Throws<InvalidDataException>(() => new SqliteStorage(file.Path));
        Assert.StartsWith($"'{file.Path}' is not a SQLite database (or is corrupt)", e.Message, StringComparison.Ordinal);
        Assert.Equal("this is not a database, just some text that is long enough to fill a header page......", File.ReadAllText(file.Path));
    }

    [Fact]
    public void ANewerSchemaIsRefused()
    {
        using (var storage = new SqliteStorage(file.Path))
        {
            storage.CreateStudy("s", [StudyDirection.Minimize]);
        }

        using (var c = new SqliteConnection($"Data Source={file.Path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE schema_version SET version = 99";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidDataException>(() => new SqliteStorage(file.Path));
        Assert.Contains("schema version 99; this version of Astrolabe reads up to 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FinishedTrialsAreServedFromTheCacheButRunningOnesAreReread()
    {
        using var a = new SqliteStorage(file.Path);
        using var b = new SqliteStorage(file.Path);
        int study = a.CreateStudy("c", [StudyDirection.Minimize]);
        var t = a.CreateTrial(study);
        Assert.Equal(TrialState.Running, b.GetAllTrials(study)[0].State);
        a.SetTrialParam(t.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        a.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.5]);
        var seen = b.GetAllTrials(study)[0];
        Assert.Equal(TrialState.Complete, seen.State);
        Assert.Equal(0.5, seen.Params["x"]);
        Assert.Same(seen, b.GetAllTrials(study)[0]);
    }

    [Fact]
    public void TwentyThousandReportsAreAllStoredWithoutCopyingTheHistory()
    {
        // A copy of the reported values per report (as Trial.Report did) allocates about 11 GB here; sharing
        // them leaves what each write costs, about 3 kB.
        const int Steps = 20_000;
        using var storage = new SqliteStorage(file.Path);
        var study = Study.Create(new StudyOptions { StudyName = "long", Storage = storage });
        var trial = study.Ask();
        trial.Report(0, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 1; step < Steps; step++)
        {
            trial.Report(step * 0.25, step);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Steps * 16_384L, $"{allocated / Steps} bytes allocated per report");
        study.Tell(trial, 1);
        using var reopened = new SqliteStorage(file.Path);
        var stored = reopened.GetTrial(trial.TrialId);
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => (long)i), stored.IntermediateValues.Keys);
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => i * 0.25), stored.IntermediateValues.Values);
    }

    [Fact]
    public void ARunningTrialReadAgainShowsWhatEveryConnectionWroteMeanwhile()
    {
        using var a = new SqliteStorage(file.Path);
        using var b = new SqliteStorage(file.Path);
        int study = a.CreateStudy("fresh", [StudyDirection.Minimize]);
        long id = a.CreateTrial(study).TrialId;
        a.SetTrialIntermediateValue(id, 0, 1);
        var first = a.GetTrial(id);
        a.SetTrialIntermediateValue(id, 1, 2);
        a.SetTrialIntermediateValue(id, 1, 3);
        Assert.Equal([1.0, 3.0], a.GetTrial(id).IntermediateValues.Values);
        b.SetTrialIntermediateValue(id, 2, 4);
        Assert.Equal([1.0, 3.0, 4.0], a.GetTrial(id).IntermediateValues.Values);
        a.SetTrialIntermediateValue(id, 3, 5);
        b.SetTrialSystemAttr(id, "rung", 1L);
        Assert.Equal(1L, a.GetTrial(id).SystemAttrs["rung"]);
        Assert.Equal(4, a.GetTrial(id).IntermediateValues.Count);
        a.SetTrialParam(id, "x", 0.5, new FloatDistribution(0, 1));
        Assert.Equal(0.5, a.GetTrial(id).Params["x"]);
        a.SetTrialUserAttr(id, "u", "v");
        Assert.Equal("v", a.GetTrial(id).UserAttrs["u"]);
        b.SetTrialStateValues(id, TrialState.Complete, [0.25]);
        Assert.Equal((TrialState.Complete, 0.25), (a.GetTrial(id).State, a.GetTrial(id).Value));
        Assert.Equal([0L], first.IntermediateValues.Keys);
        Assert.Empty(first.InternalParams);
    }

    [Fact]
    public void ThreadsOfOneProcessShareAStorage()
    {
        using var storage = new SqliteStorage(file.Path);
        var study = Study.Create(new StudyOptions { StudyName = "threads", Storage = storage });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestInt("n", 0, 5), nTrials: 60, parallelism: 4);
        Assert.Equal(60, study.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 60), study.Trials.Select(t => t.Number));
    }

    public void Dispose() => file.Dispose();
}
