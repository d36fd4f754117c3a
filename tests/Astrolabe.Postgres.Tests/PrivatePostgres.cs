using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Astrolabe.Postgres.Tests;

/// <summary>
/// A PostgreSQL cluster of this test project's own (port <see cref="Port"/>), started, stopped and started again
/// by .ci/postgres.sh with ASTROLABE_PG_PORT, for the tests that take a server down: the shared server (that
/// other test projects use at the same time) is never touched.
/// </summary>
internal static partial class PrivatePostgres
{
    public const int Port = 54331;

    /// <summary>Whether .ci/postgres.sh can start a cluster here: PostgreSQL is installed, or it may install it (root).</summary>
    public static bool CanStart =>
        PostgresServer.FindScript() is not null
        && (Geteuid() == 0 || (Directory.Exists("/usr/lib/postgresql") && Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb")))));

    public static string SkipReason => "PostgreSQL is not installed and cannot be (not root), so .ci/postgres.sh cannot start a private cluster.";

    /// <summary>Starts the cluster (creating it the first time) and returns its connection string.</summary>
    public static string Start() => Script("--print").Trim().Split('\n')[^1];

    /// <summary>Stops the cluster: fast shutdown, every session ends with 57P01.</summary>
    public static void Stop() => Script("--stop");

    private static string Script(string mode)
    {
        string script = PostgresServer.FindScript() ?? throw new InvalidOperationException(".ci/postgres.sh was not found above the test binaries.");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(mode);
        info.Environment["ASTROLABE_PG_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(5)), $".ci/postgres.sh {mode} did not end within 5 minutes");
        Assert.True(p.ExitCode == 0, $".ci/postgres.sh {mode} (port {Port}) failed with {p.ExitCode}: {stderr.Result}");
        return stdout;
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint Geteuid();
}

/// <summary>A test that needs the private cluster: skipped with the reason when it cannot be started, except under CI.</summary>
public sealed class PrivatePostgresFactAttribute : FactAttribute
{
    public PrivatePostgresFactAttribute()
    {
        if (!PrivatePostgres.CanStart && !PostgresServer.InCi)
        {
            Skip = PrivatePostgres.SkipReason;
        }
    }
}
