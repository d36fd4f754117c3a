namespace Astrolabe.Cli;

/// <summary>Turns a <c>--storage</c> value into a storage.</summary>
public static class StorageUrl
{
    /// <summary>
    /// Opens <c>sqlite:PATH</c> (also Optuna's <c>sqlite:///PATH</c>), <c>postgresql://user:password@host:port/database</c>
    /// (also <c>postgres://</c> and Optuna's <c>postgresql+psycopg2://</c>) or <c>memory:</c>; throws
    /// <see cref="ArgumentException"/> naming the accepted forms for anything else.
    /// </summary>
    public static IStorage Open(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url is "memory:" or "memory")
        {
            return new InMemoryStorage();
        }

        if (SqlitePath(url) is { } path)
        {
            return new SqliteStorage(path);
        }

        if (PostgresUrl.IsUrl(url))
        {
            return new PostgresStorage(url);
        }

        throw new ArgumentException($"Unknown storage '{PostgresUrl.Redact(url)}': use sqlite:<path> (e.g. sqlite:astrolabe.db), postgresql://user:password@host:port/database, or memory:.");
    }

    /// <summary>The file of a <c>sqlite:PATH</c> (or <c>sqlite:///PATH</c>) storage; null for any other storage.</summary>
    internal static string? SqlitePath(string url)
    {
        if (!url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string path = url["sqlite:".Length..];
        if (path.StartsWith("///", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        return path.Length > 0 ? path : throw new ArgumentException($"The storage '{url}' names no file; write sqlite:<path>, e.g. sqlite:astrolabe.db.");
    }
}
