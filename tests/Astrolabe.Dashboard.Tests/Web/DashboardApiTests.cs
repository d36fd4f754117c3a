using System.Net;
using System.Text.Json;

namespace Astrolabe.Dashboard.Tests.Web;

public sealed class DashboardApiTests : IAsyncLifetime, IDisposable
{
    private readonly TempDb db = new();
    private readonly HttpClient http = new();
    private SqliteStorage? storage;
    private DashboardServer? server;

    public async Task InitializeAsync()
    {
        storage = new SqliteStorage(db.Path);
        TempDb.Fill(storage, "alpha", complete: 12);
        server = await DashboardServer.StartAsync(storage, new DashboardOptions { Port = 0, MaxSnapshotAge = TimeSpan.Zero });
        http.BaseAddress = server.Url;
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        http.Dispose();
        storage?.Dispose();
        db.Dispose();
    }

    private async Task<(HttpStatusCode Code, JsonElement Body)> Get(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task ListsStudiesAndServesOnLoopback()
    {
        Assert.Equal("127.0.0.1", server!.Url.Host);
        var (code, body) = await Get("api/studies");
        Assert.Equal(HttpStatusCode.OK, code);
        var alpha = body.EnumerateArray().Single();
        Assert.Equal("alpha", alpha.GetProperty("name").GetString());
        Assert.Equal(16, alpha.GetProperty("trialCount").GetInt32());
        string page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("assets/echarts.min.js", page, StringComparison.Ordinal);
        string echarts = await http.GetStringAsync(new Uri("assets/echarts.min.js", UriKind.Relative));
        Assert.True(echarts.Length > 900_000);
    }

    [Fact]
    public async Task PagesSortsAndFiltersOnTheServer()
    {
        int id = storage!.GetStudyId("alpha");
        var (code, body) = await Get($"api/studies/{id}/trials?sort=value&desc=true&limit=5");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(16, body.GetProperty("matched").GetInt32());
        Assert.Equal(5, body.GetProperty("rows").GetArrayLength());
        var values = body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("values")[0].GetDouble()).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);

        (_, body) = await Get($"api/studies/{id}/trials?filter=state%3Dpruned");
        Assert.Equal(3, body.GetProperty("matched").GetInt32());
        Assert.All(body.GetProperty("rows").EnumerateArray(), r => Assert.Equal("pruned", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task PlotsComeAsEChartsOptions()
    {
        int id = storage!.GetStudyId("alpha");
        var (_, study) = await Get($"api/studies/{id}");
        var kinds = study.GetProperty("plots").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["history", "intermediate", "parallel", "slice", "contour", "importance", "rank", "edf", "timeline"], kinds);
        var (code, history) = await Get($"api/studies/{id}/plots/history");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(12, history.GetProperty("series")[0].GetProperty("data").GetArrayLength());
        var (_, contour) = await Get($"api/studies/{id}/plots/contour?x=y&y=act");
        Assert.Equal("y", contour.GetProperty("xAxis").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("api/studies/999", HttpStatusCode.NotFound, "999")]
    [InlineData("api/studies/{id}/trials?filter=speed%3E1", HttpStatusCode.BadRequest, "Unknown column 'speed'")]
    [InlineData("api/studies/{id}/trials?limit=5000", HttpStatusCode.BadRequest, "limit must be in [1, 1000]")]
    [InlineData("api/studies/{id}/plots/shap", HttpStatusCode.BadRequest, "Unknown plot kind 'shap'")]
    public async Task BadRequestsAnswerWithAMessage(string path, HttpStatusCode expected, string message)
    {
        var (code, body) = await Get(path.Replace("{id}", storage!.GetStudyId("alpha").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(expected, code);
        Assert.Contains(message, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowsingNeverChangesTheStudyFile()
    {
        int id = storage!.GetStudyId("alpha");
        byte[] before = await File.ReadAllBytesAsync(db.Path);
        foreach (string path in new[] { "api/studies", $"api/studies/{id}", $"api/studies/{id}/trials?sort=x", $"api/studies/{id}/plots/timeline" })
        {
            await Get(path);
        }

        using var post = await http.PostAsync(new Uri($"api/studies/{id}/trials", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(db.Path));
    }
}
