namespace Astrolabe.Cli.Commands;

/// <summary>Opens a storage only to read it: a SQLite file that does not exist is an error, not a new empty study file.</summary>
internal static class ExistingStorage
{
    public static IStorage Open(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            string path = url["sqlite:".Length..];
            path = path.StartsWith("///", StringComparison.Ordinal) ? path[3..] : path;
            if (path.Length > 0 && !File.Exists(path))
            {
                throw new ArgumentException($"The storage file '{path}' does not exist.");
            }
        }

        return StorageUrl.Open(url);
    }
}
