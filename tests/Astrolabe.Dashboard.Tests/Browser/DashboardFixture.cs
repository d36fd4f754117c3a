namespace Astrolabe.Dashboard.Tests.Browser;

/// <summary>One SQLite file with two studies, a dashboard over it and a headless browser, shared by the browser tests.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly TempDb db = new();
    private SqliteStorage? storage;
    private DashboardServer? server;
    private HeadlessBrowser? browser;

    /// <summary>Complete trials of the "quadratic" study (its history plot's points).</summary>
    public const int Complete = 25;

    internal SqliteStorage Storage => storage!;

    internal DashboardServer Server => server!;

    internal HeadlessBrowser Browser => browser!;

    internal string DbPath => db.Path;

    public async Task InitializeAsync()
    {
        storage = new SqliteStorage(db.Path);
        TempDb.Fill(storage, "quadratic", Complete);
        TempDb.Fill(storage, "live", 3, pruned: 0);
        server = await DashboardServer.StartAsync(storage, new DashboardOptions { Port = 0, MaxSnapshotAge = TimeSpan.FromMilliseconds(200) });
        if (Chromium.Find() is not null || HeadlessBrowser.IsCi)
        {
            browser = await HeadlessBrowser.LaunchAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        storage?.Dispose();
        db.Dispose();
    }
}
