using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Astrolabe.Dashboard;

/// <summary>
/// The read-only web dashboard: an ASP.NET Core app serving a page, its scripts and a JSON API over a
/// storage, which it takes as an <see cref="IStudyReader"/> and reads through <see cref="ReadOnlyStorage"/>, so it
/// never writes. Start it with <see cref="StartAsync"/>, stop it by disposing it.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private DashboardServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The address the dashboard answers on (with the actual port when 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>Starts serving <paramref name="storage"/>; returns once the server listens.</summary>
    public static async Task<DashboardServer> StartAsync(IStudyReader storage, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{UrlHost(options.Host)}:{options.Port}");
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });
        var app = builder.Build();
        app.Use(SecurityHeaders.Add);
        DashboardEndpoints.Map(app, new StudyCache(new ReadOnlyStorage(storage), options.MaxSnapshotAge));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var url = new Uri(app.Urls.First().Replace("//[::]", "//localhost", StringComparison.Ordinal).Replace("//0.0.0.0", "//127.0.0.1", StringComparison.Ordinal));
        return new DashboardServer(app, url);
    }

    /// <summary>Completes when the server stops (on <paramref name="cancellationToken"/> or disposal).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static string UrlHost(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
