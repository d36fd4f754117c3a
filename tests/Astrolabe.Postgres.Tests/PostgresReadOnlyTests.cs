using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>A storage opened read-only: it creates, migrates and changes nothing, and names what a database holds when that is not a storage.</summary>
public sealed class PostgresReadOnlyTests : IDisposable
{
    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();

    public static TheoryData<string> NotAStorage() => new(DatabaseKinds.NotAStorage);

    [PostgresTheory]
    [MemberData(nameof(NotAStorage))]
    public void OpeningReadOnlyWhatIsNotAStorageNamesItAndChangesNothing(string kind)
    {
        DatabaseKinds.Write(kind, schema!);
        var before = DatabaseKinds.Contents(schema!);
        var e = Assert.Throws<InvalidDataException>(() => PostgresStorage.OpenReadOnly(schema!.Url).Dispose());
        Assert.Equal(DatabaseKinds.Error(kind, schema!), e.Message);
        Assert.Equal(before, DatabaseKinds.Contents(schema!));
    }

    [PostgresFact]
    public void AMissingDatabaseIsNamed()
    {
        var b = new NpgsqlConnectionStringBuilder(schema!.ConnectionString) { Database = $"{schema.Name}_missing" };
        var e = Assert.Throws<PostgresConnectionException>(() => PostgresStorage.OpenReadOnly(b.ConnectionString).Dispose());
        Assert.Contains($"database \"{schema.Name}_missing\" does not exist", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void AReadOnlyStorageSeesWhatAWriterCommitsMeanwhile()
    {
        var writer = schema!.Open();
        DatabaseKinds.Astrolabe(writer);
        var study = Study.Load("s", writer);
        using var reader = PostgresStorage.OpenReadOnly(schema.ConnectionString);
        Assert.True(reader.IsReadOnly);
        Assert.False(writer.IsReadOnly);
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
        Assert.Equal(4, reader.GetTrialCount(id));
    }

    [PostgresFact]
    public void AReadOnlyStorageRefusesEveryWriteAndChangesNothing()
    {
        var writer = schema!.Open();
        DatabaseKinds.Astrolabe(writer);
        var study = Study.Load("s", writer);
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });
        long running = writer.CreateTrialWithHeartbeat(study.StudyId).TrialId;
        var before = DatabaseKinds.Contents(schema);
        using var reader = PostgresStorage.OpenReadOnly(schema.Url);
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
            () => reader.ClaimOrCreateTrial(id),
            () => reader.SetTrialParam(waiting, "y", 0.5, new FloatDistribution(0, 1)),
            () => reader.SetTrialStateValues(waiting, TrialState.Fail),
            () => reader.SetTrialStateValues(running, TrialState.Complete, [1]),
            () => reader.SetTrialIntermediateValue(running, 0, 1),
            () => reader.SetTrialUserAttr(running, "k", 1),
            () => reader.SetTrialSystemAttr(finished, "k", 1),
            () => reader.CreateTrialWithHeartbeat(id),
            () => reader.ClaimWaitingTrialWithHeartbeat(id),
            () => reader.ClaimOrCreateTrialWithHeartbeat(id),
            () => reader.RecordHeartbeat(running),
            () => reader.FailStaleTrials(id, TimeSpan.FromMilliseconds(1)),
        };
        foreach (var write in writes)
        {
            var e = Assert.Throws<InvalidOperationException>(write);
            Assert.Equal($"The {reader.Source} is opened read-only; it cannot be changed.", e.Message);
        }

        Assert.Equal(TrialState.Waiting, reader.GetTrial(waiting).State);
        Assert.Equal(TrialState.Running, reader.GetTrial(running).State);
        Assert.Equal(before, DatabaseKinds.Contents(schema));
    }

    public void Dispose() => schema?.Dispose();
}
