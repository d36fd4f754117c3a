using System.Data.Common;
using Npgsql;

namespace Astrolabe;

/// <summary>
/// Turns a <c>postgresql://user:password@host:port/database?key=value</c> URL (also <c>postgres://</c> and
/// Optuna's <c>postgresql+psycopg2://</c>) into an Npgsql connection string. Query keys are Npgsql's
/// connection-string keywords, plus libpq's <c>sslmode</c>, <c>connect_timeout</c> (seconds to wait for a
/// connection), <c>application_name</c> and <c>search_path</c>, and Astrolabe's <c>retry_timeout</c> (seconds to
/// retry transient failures; it becomes the <see cref="RetryTimeoutKeyword"/> keyword, which
/// <see cref="PostgresStorage"/> reads and Npgsql does not know).
/// </summary>
public static class PostgresUrl
{
    /// <summary>The connection-string keyword of <see cref="PostgresStorage.RetryTimeout"/> (the URL's <c>retry_timeout</c>).</summary>
    public const string RetryTimeoutKeyword = "Retry Timeout";

    private static readonly Dictionary<string, string> LibpqKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["search_path"] = "Search Path",
    };

    /// <summary>True when <paramref name="text"/> starts with a PostgreSQL URL scheme.</summary>
    public static bool IsUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql+psycopg2://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Npgsql connection string of a URL; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static string ToConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{Redact(url)}' is not a PostgreSQL URL; write postgresql://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.Port > 0 ? uri.Port : 5432 };
        string? retryTimeout = null;
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
            if (key.Equals("retry_timeout", StringComparison.OrdinalIgnoreCase) || key.Equals(RetryTimeoutKeyword, StringComparison.OrdinalIgnoreCase))
            {
                retryTimeout = value;
                continue;
            }

            try
            {
                builder[LibpqKeys.GetValueOrDefault(key, key)] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"Unknown or invalid PostgreSQL URL option '{key}={value}': {e.Message}", e);
            }
        }

        if (retryTimeout is null)
        {
            return builder.ConnectionString;
        }

        var all = new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        all[RetryTimeoutKeyword] = retryTimeout;
        return all.ConnectionString;
    }

    /// <summary>The URL with its password replaced by ***, for messages.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int at = url.IndexOf('@', StringComparison.Ordinal);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0)
        {
            return url;
        }

        int colon = url.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
