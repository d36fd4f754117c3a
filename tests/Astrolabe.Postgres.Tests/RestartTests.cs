using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>
/// The server restarted under three <c>astrolabe worker</c> processes (on a private cluster). Nothing waits on
/// time: the workers are frozen while the server goes down, so each is caught in the middle of its trials; they
/// go on while it is down (their sessions ended with 57P01, new connections refused) and it is started again.
/// </summary>
[Collection(WorkerProcess.Collection)]
public sealed class RestartTests
{
    private const int Trials = 60;

    [PrivatePostgresFact]
    public async Task ThreeWorkersFinishTheirTrialsAcrossAServerRestart()
    {
        string server = PrivatePostgres.Start();
        using var schema = new TestSchema(server);
        var storage = schema.Open();
        int study = storage.CreateStudy("restart", [StudyDirection.Minimize]);
        var workers = Enumerable.Range(0, 3)
            .Select(i => new WorkerProcess(schema.Url, "restart", Trials, i, "--trial-delay", "0.05", "--heartbeat", "1", "--grace", "600"))
            .ToList();
        var outputs = new List<string>();
        try
        {
            // Every worker is connected and running trials (a worker that cannot make its first connection stops at once, by design).
            await WaitUntil(() => CompletedBy(storage, study) is var done && workers.All(w => done.GetValueOrDefault(w.Name) >= 1));
            workers.ForEach(w => w.Stop());
            var done = CompletedBy(storage, study);
            Assert.All(workers, w => Assert.True(done.GetValueOrDefault(w.Name) < Trials, $"worker {w.Name} had finished before the restart"));

            PrivatePostgres.Stop();
            workers.ForEach(w => w.Continue());
            PrivatePostgres.Start();
            NpgsqlConnection.ClearPool(new NpgsqlConnection(server));
            foreach (var w in workers)
            {
                outputs.Add(await w.FinishAsync());
            }
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        // Each worker ran all its trials and counted each once; every number was given once; nothing is left Running.
        Assert.All(outputs, o => Assert.Contains($"Worker done: {Trials} trials ({Trials} complete, 0 pruned or failed)", o, StringComparison.Ordinal));
        var trials = storage.GetAllTrials(study);
        Assert.Equal(Enumerable.Range(0, 3 * Trials), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(3, t.Params.Count));
        Assert.All(workers, w => Assert.Equal(Trials, trials.Count(t => (string?)t.SystemAttrs[SystemAttrKeys.Worker] == w.Name)));
    }

    /// <summary>Complete trials by worker.</summary>
    private static Dictionary<string, int> CompletedBy(PostgresStorage storage, int study) =>
        storage.GetAllTrials(study, [TrialState.Complete]).GroupBy(t => (string)t.SystemAttrs[SystemAttrKeys.Worker]!).ToDictionary(g => g.Key, g => g.Count());

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the workers did not complete trials within 2 minutes");
            await Task.Delay(20);
        }
    }
}
