using System.Net;
using System.Text.RegularExpressions;

namespace Astrolabe.Dashboard.Tests.Web;

public sealed partial class SecurityHeadersTests : IAsyncLifetime, IDisposable
{
    private readonly TempDb db = new();
    private readonly HttpClient http = new();
    private SqliteStorage? storage;
    private DashboardServer? server;

    public async Task InitializeAsync()
    {
        storage = new SqliteStorage(db.Path);
        TempDb.Fill(storage, "alpha", complete: 5);
        server = await DashboardServer.StartAsync(storage, new DashboardOptions { Port = 0 });
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

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("assets/dashboard.js", HttpStatusCode.OK)]
    [InlineData("assets/echarts.min.js", HttpStatusCode.OK)]
    [InlineData("assets/dashboard.css", HttpStatusCode.OK)]
    [InlineData("assets/missing.js", HttpStatusCode.NotFound)]
    [InlineData("api/studies", HttpStatusCode.OK)]
    [InlineData("api/studies/1", HttpStatusCode.OK)]
    [InlineData("api/studies/1/trials?limit=5", HttpStatusCode.OK)]
    [InlineData("api/studies/1/trials?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("api/studies/1/plots/history", HttpStatusCode.OK)]
    [InlineData("api/studies/42", HttpStatusCode.NotFound)]
    [InlineData("no/such/route", HttpStatusCode.NotFound)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, HttpStatusCode expected)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public void ThePolicyRunsOnlyScriptsServedByTheDashboard()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
    }

    [Fact]
    public async Task ThePageLoadsEveryScriptFromAssetsAndHasNoInlineCode()
    {
        string page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var scripts = ScriptTag().Matches(page).Select(m => m.Value).ToList();
        Assert.Equal(3, scripts.Count);
        Assert.All(scripts, s => Assert.Matches(ScriptFromAssets(), s));
        Assert.DoesNotMatch(EventAttribute(), page);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<script[^>]*>[^<]*</script>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""^<script src="assets/[a-z.]+\.js"></script>$""")]
    private static partial Regex ScriptFromAssets();

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();
}
