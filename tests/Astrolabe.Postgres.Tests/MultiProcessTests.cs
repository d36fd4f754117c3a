namespace Astrolabe.Postgres.Tests;

/// <summary>Many worker processes on one study, as many machines would run them.</summary>
[Collection(WorkerProcess.Collection)]
public sealed class MultiProcessTests : IDisposable
{
    private readonly TestSchema? schema = PostgresServer.ConnectionString is null ? null : new TestSchema();

    [PostgresFact]
    public async Task EightWorkersRecordAllSixteenHundredTrialsWithUniqueNumbers()
    {
        var storage = schema!.Open();
        storage.CreateStudy("shared", [StudyDirection.Minimize]);
        var workers = Enumerable.Range(0, 8).Select(i => new WorkerProcess(schema.Url, "shared", 200, seed: i, "--heartbeat", "2")).ToList();
        try
        {
            foreach (var w in workers)
            {
                await w.FinishAsync();
            }
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        var trials = Study.Load("shared", storage).Trials;
        Assert.Equal(1600, trials.Count);
        Assert.Equal(Enumerable.Range(0, 1600), trials.Select(t => t.Number));
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.True(t.Params.Count is 3, $"trial {t.Number} has {t.Params.Count} parameters");
        });
        Assert.Equal(8, trials.Select(t => t.UserAttrs["worker"]).Distinct().Count());
        Assert.All(trials.GroupBy(t => t.UserAttrs["worker"]), g => Assert.Equal(200, g.Count()));
    }

    public void Dispose() => schema?.Dispose();
}
