namespace Astrolabe.Cli.Commands;

/// <summary>
/// Opens a storage only to read it, as an <see cref="IStudyReader"/>, for the commands that read (studies, trials, best, export, report, plot,
/// dashboard): a SQLite file is opened with <see cref="SqliteStorage.OpenReadOnly"/>, so a missing path is
/// an error, not a new empty file, and a file that is not an Astrolabe storage is named and left as it was;
/// a PostgreSQL database with <see cref="PostgresStorage.OpenReadOnly"/>, so no table is created in a
/// database that holds no Astrolabe storage, and what it holds instead is named.
/// </summary>
internal static class ExistingStorage
{
    public static IStudyReader Open(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (StorageUrl.SqlitePath(url) is { } path)
        {
            return SqliteStorage.OpenReadOnly(path);
        }

        return PostgresUrl.IsUrl(url) ? PostgresStorage.OpenReadOnly(url) : StorageUrl.Open(url);
    }
}
