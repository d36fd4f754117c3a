using System.Diagnostics;
using Npgsql;

namespace Astrolabe.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in ASTROLABE_TEST_POSTGRES, or else a local
/// throwaway server started by the repository's .ci/postgres.sh (which installs PostgreSQL when it can).
/// When neither works the tests are skipped with the reason, except under CI (CI=true), where they fail.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<(string? ConnectionString, string Problem)> Server = new(Find);

    /// <summary>The server's connection string, or null when there is none.</summary>
    public static string? ConnectionString => Server.Value.ConnectionString;

    /// <summary>Whether this is CI (CI=true), where a missing server fails the tests instead of skipping them.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why there is no server, and how to get one.</summary>
    public static string SkipReason => $"No PostgreSQL server: {Server.Value.Problem}. Set ASTROLABE_TEST_POSTGRES or run 'source .ci/postgres.sh'.";

    /// <summary>The connection string, or a failed assertion saying why there is none.</summary>
    public static string Require() => ConnectionString ?? throw new InvalidOperationException(SkipReason);

    private static (string?, string) Find()
    {
        string? given = Environment.GetEnvironmentVariable("ASTROLABE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(given))
        {
            string? script = FindScript();
            if (script is null)
            {
                return (null, "ASTROLABE_TEST_POSTGRES is unset and .ci/postgres.sh was not found");
            }

            given = StartLocal(script, out string problem);
            if (given is null)
            {
                return (null, problem);
            }
        }

        try
        {
            using var c = new NpgsqlConnection(given);
            c.Open();
            return (given, "");
        }
        catch (NpgsqlException e)
        {
            return (null, $"cannot connect ({e.Message})");
        }
    }

    private static string? StartLocal(string script, out string problem)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--print");
        info.Environment.Remove("ASTROLABE_PG_PORT");
        try
        {
            using var p = Process.Start(info)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromMinutes(5)) || p.ExitCode != 0)
            {
                problem = $".ci/postgres.sh could not start one ({stderr.Result.Trim()})";
                return null;
            }

            problem = "";
            return stdout.Trim().Split('\n')[^1];
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = $"bash is not available ({e.Message})";
            return null;
        }
    }

    /// <summary>The repository's .ci/postgres.sh, found above the test binaries; null when absent.</summary>
    public static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ".ci", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A test that needs PostgreSQL: skipped with the reason when there is no server, except under CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Skips the test, with the reason, when there is no server (except under CI).</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.ConnectionString is null && !PostgresServer.InCi)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}

/// <summary>A theory that needs PostgreSQL: skipped with the reason when there is no server, except under CI.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the theory, with the reason, when there is no server (except under CI).</summary>
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.ConnectionString is null && !PostgresServer.InCi)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
