namespace Astrolabe.Sqlite.Tests;

public sealed class GridSamplerOnSqliteTests : IDisposable
{
    private readonly TempDatabase file = new();

    [Fact]
    public async Task TwoStorageConnectionsNeverShareAGridPoint()
    {
        using var a = new SqliteStorage(file.Path);
        using var b = new SqliteStorage(file.Path);
        static GridSampler Grid() => new(new GridSamplerOptions
        {
            Seed = 5,
            Distributions = new Dictionary<string, Distribution> { ["x"] = new IntDistribution(0, 29) },
        });
        var s1 = Study.Create(new StudyOptions { StudyName = "g", Storage = a, Sampler = Grid() });
        var s2 = Study.Create(new StudyOptions { StudyName = "g", Storage = b, Sampler = Grid(), LoadIfExists = true });
        static Task<double> Objective(Trial t, CancellationToken ct) => Task.FromResult((double)t.SuggestInt("x", 0, 29));
        await Task.WhenAll(
            s1.OptimizeAsync(Objective, new OptimizeOptions { Parallelism = 2 }),
            s2.OptimizeAsync(Objective, new OptimizeOptions { Parallelism = 2 }));
        var xs = s1.Trials.Select(t => (long)t.Params["x"]!).ToList();
        Assert.Equal(30, xs.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), xs.Order());
    }

    public void Dispose() => file.Dispose();
}
