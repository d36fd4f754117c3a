namespace Astrolabe.Dashboard;

/// <summary>Where the dashboard listens and how fresh its data is.</summary>
public sealed record DashboardOptions
{
    /// <summary>The address to bind: 127.0.0.1 by default, so only this machine can connect.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see <see cref="DashboardServer.Url"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>How old a study's snapshot may get before a request re-reads it.</summary>
    public TimeSpan MaxSnapshotAge { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>True when <see cref="Host"/> is reachable only from this machine.</summary>
    public bool IsLoopback => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>Throws <see cref="ArgumentException"/> for a port out of range, an empty host or a negative age.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"The port must be in [0, 65535], got {Port}.");
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("The host must not be empty; use 127.0.0.1 to serve this machine only.");
        }

        if (MaxSnapshotAge < TimeSpan.Zero)
        {
            throw new ArgumentException($"MaxSnapshotAge must not be negative, got {MaxSnapshotAge}.");
        }
    }
}
