namespace Astrolabe.Dashboard.Tests;

/// <summary>A temporary folder with a SQLite study file, deleted afterwards.</summary>
internal sealed class TempDb : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-dashboard-").FullName;

    public string Path => System.IO.Path.Combine(folder, "studies.db");

    public string Url => $"sqlite:{Path}";

    public string File(string name) => System.IO.Path.Combine(folder, name);

    /// <summary>
    /// A study of <paramref name="complete"/> Complete trials (value x² + y, reported at three steps), every
    /// fifth one after them pruned at step 1 and one failed: <paramref name="complete"/> points in its history.
    /// </summary>
    public static void Fill(IStorage storage, string name, int complete, int pruned = 3)
    {
        var study = Study.Create(new StudyOptions { StudyName = name, Storage = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 5 }) });
        for (int i = 0; i < complete + pruned; i++)
        {
            var t = study.Ask();
            double x = t.SuggestFloat("x", -2, 2);
            int y = t.SuggestInt("y", 0, 3);
            t.SuggestCategorical("act", new[] { "relu", "tanh" });
            t.Report((x * x) + y + 1, 0);
            t.Report((x * x) + y + 0.5, 1);
            if (i >= complete)
            {
                study.Tell(t, TrialState.Pruned);
                continue;
            }

            t.Report((x * x) + y, 2);
            study.Tell(t, (x * x) + y);
        }

        var failed = study.Ask();
        study.Tell(failed, TrialState.Fail);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
