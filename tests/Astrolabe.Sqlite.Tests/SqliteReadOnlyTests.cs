namespace Astrolabe.Sqlite.Tests;

public sealed class SqliteReadOnlyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-ro-").FullName;

    private string Db => Path.Combine(folder, "x.db");

    public static TheoryData<string> NotAStorage() => new(StorageFiles.NotAStorage);

    public static TheoryData<string> AnotherProgramsFile() => new(StorageFiles.NotAStorage.Except(["missing", "empty file", "empty database"]));

    [Theory]
    [MemberData(nameof(NotAStorage))]
    public void OpeningReadOnlyWhatIsNotAStorageNamesItAndChangesNothing(string kind)
    {
        StorageFiles.Write(kind, Db);
        var before = StorageFiles.Contents(folder);
        var e = Assert.ThrowsAny<Exception>(() => SqliteStorage.OpenReadOnly(Db));
        Assert.IsType(kind == "missing" ? typeof(FileNotFoundException) : typeof(InvalidDataException), e);
        Assert.StartsWith(StorageFiles.Error(kind, Db), e.Message, StringComparison.Ordinal);
        Assert.Equal(before, StorageFiles.Contents(folder));
        Assert.Equal(kind == "missing", !File.Exists(Db) && !Directory.Exists(Db));
    }

    [Theory]
    [MemberData(nameof(AnotherProgramsFile))]
    public void AWriterRefusesAnotherProgramsFileAndChangesNothing(string kind)
    {
        StorageFiles.Write(kind, Db);
        var before = StorageFiles.Contents(folder);
        var e = Assert.Throws<InvalidDataException>(() => new SqliteStorage(Db));
        Assert.StartsWith(StorageFiles.Error(kind, Db), e.Message, StringComparison.Ordinal);
        Assert.Equal(before, StorageFiles.Contents(folder));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty file")]
    [InlineData("empty database")]
    public void AWriterMakesAStorageOfANewOrEmptyFile(string kind)
    {
        StorageFiles.Write(kind, Db);
        using (var storage = new SqliteStorage(Db))
        {
            storage.CreateStudy("s", [StudyDirection.Minimize]);
        }

        using var reader = SqliteStorage.OpenReadOnly(Db);
        Assert.Equal(["s"], reader.GetAllStudies().Select(s => s.StudyName));
    }

    [Fact]
    public void AReadOnlyStorageSeesWhatAWriterCommitsMeanwhile()
    {
        StorageFiles.Astrolabe(Db);
        using var writer = new SqliteStorage(Db);
        var study = Study.Load("s", writer);
        using (var reader = SqliteStorage.OpenReadOnly(Db))
        {
            Assert.True(reader.IsReadOnly);
            int id = reader.GetStudyId("s");
            Assert.Equal(3, reader.GetAllTrials(id).Count);
            var running = study.Ask();
            running.Report(0.5, 0);
            Assert.Equal((TrialState.Running, 1), (reader.GetTrial(running.TrialId).State, reader.GetTrial(running.TrialId).IntermediateValues.Count));
            study.Tell(running, 0.125);
            int created = writer.CreateStudy("later", [StudyDirection.Maximize]);
            Assert.Equal(0.125, reader.GetAllTrials(id)[3].Value);
            Assert.Equal(["s", "later"], reader.GetAllStudies().Select(s => s.StudyName));
            Assert.Equal([StudyDirection.Maximize], reader.GetStudyDirections(created));
            Assert.Equal(study.BestValue, reader.GetBestTrial(id).Value);
            writer.Dispose();
            Assert.Equal(4, reader.GetTrialCount(id));
        }

        // The reader closed last and left no write-ahead log behind.
        Assert.Equal(["x.db"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AReadOnlyStorageRefusesEveryWriteAndLeavesTheFileAsItWas()
    {
        StorageFiles.Astrolabe(Db);
        using (var writer = new SqliteStorage(Db))
        {
            var study = Study.Load("s", writer);
            study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });
        }

        var before = StorageFiles.Contents(folder);
        using (var reader = SqliteStorage.OpenReadOnly(Db))
        {
            int id = reader.GetStudyId("s");
            var trials = reader.GetAllTrials(id);
            long finished = trials[0].TrialId, waiting = trials[3].TrialId;
            var writes = new Action[]
            {
                () => reader.CreateStudy("new", [StudyDirection.Minimize]),
                () => reader.DeleteStudy(id),
                () => reader.SetStudyUserAttr(id, "k", 1),
                () => reader.SetStudySystemAttr(id, "k", 1),
                () => reader.NextCounterValue(id, "k"),
                () => reader.CreateTrial(id),
                () => reader.ClaimWaitingTrial(id),
                () => ((IStorage)reader).ClaimOrCreateTrial(id),
                () => reader.SetTrialParam(waiting, "y", 0.5, new FloatDistribution(0, 1)),
                () => reader.SetTrialStateValues(waiting, TrialState.Fail),
                () => reader.SetTrialIntermediateValue(waiting, 0, 1),
                () => reader.SetTrialUserAttr(waiting, "k", 1),
                () => reader.SetTrialSystemAttr(finished, "k", 1),
                () => reader.CreateTrialWithHeartbeat(id),
                () => reader.ClaimWaitingTrialWithHeartbeat(id),
                () => reader.RecordHeartbeat(waiting),
                () => reader.FailStaleTrials(id, TimeSpan.FromSeconds(1)),
            };
            foreach (var write in writes)
            {
                var e = Assert.Throws<InvalidOperationException>(write);
                Assert.Equal($"The storage '{Db}' is opened read-only; it cannot be changed.", e.Message);
            }

            Assert.Equal(TrialState.Waiting, reader.GetTrial(waiting).State);
        }

        Assert.Equal(before, StorageFiles.Contents(folder));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
