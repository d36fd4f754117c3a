using System.Diagnostics;

namespace Astrolabe.Sqlite.Tests;

/// <summary>Several operating-system processes sharing one SQLite file, as workers on one machine do.</summary>
public sealed class MultiProcessTests : IDisposable
{
    private readonly TempDatabase file = new();

    [Fact]
    public async Task FourProcessesRecordAllTheirTrialsWithUniqueNumbers()
    {
        using (var storage = new SqliteStorage(file.Path))
        {
            Study.Create(new StudyOptions { StudyName = "shared", Storage = storage });
        }

        var workers = Enumerable.Range(0, 4).Select(i => StartWorker("shared", 250, seed: i)).ToList();
        foreach (var w in workers)
        {
            await FinishAsync(w);
        }

        using var check = new SqliteStorage(file.Path);
        var trials = Study.Load("shared", check).Trials;
        Assert.Equal(1000, trials.Count);
        Assert.Equal(Enumerable.Range(0, 1000), trials.Select(t => t.Number).Order());
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(10, t.Params.Count);
        });
    }

    [Fact]
    public async Task AKilledProcessLosesNothingCommittedAndTheStudyResumes()
    {
        var worker = StartWorker("crash", 100_000, seed: 1, sleepMs: 2);
        using (var storage = new SqliteStorage(file.Path))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && (!storage.GetAllStudies().Any() || storage.GetTrialCount(storage.GetStudyId("crash"), [TrialState.Complete]) < 20))
            {
                await Task.Delay(50);
            }
        }

        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
        using var after = new SqliteStorage(file.Path);
        var study = Study.Load("crash", after);
        var before = study.Trials;
        Assert.True(before.Count(t => t.State == TrialState.Complete) >= 20);
        Assert.All(before.Where(t => t.State == TrialState.Complete), t => Assert.Equal(10, t.Params.Count));
        Assert.True(before.Count(t => t.State == TrialState.Running) <= 1);
        study.Optimize(t => t.SuggestFloat("x0", -5, 5), nTrials: 3);
        var resumed = study.Trials;
        Assert.Equal(before.Count + 3, resumed.Count);
        Assert.Equal(Enumerable.Range(0, resumed.Count), resumed.Select(t => t.Number));
    }

    private Process StartWorker(string study, int trials, int seed, int sleepMs = 0)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Astrolabe.Sqlite.Tests.Worker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, file.Path, study, trials.ToString(System.Globalization.CultureInfo.InvariantCulture), seed.ToString(System.Globalization.CultureInfo.InvariantCulture), sleepMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static async Task FinishAsync(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"worker exited with {p.ExitCode}: {await stderr}");
        Assert.Contains("done", await stdout, StringComparison.Ordinal);
    }

    public void Dispose() => file.Dispose();
}
