using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <summary>
/// What a file given as a storage is: missing, not a SQLite database, another program's SQLite database
/// (Optuna's among them), an Astrolabe storage of a newer schema, or one this code reads. Each answer but
/// the last is an error that names the file; nothing here writes to it.
/// </summary>
internal static class SqliteFile
{
    /// <summary>The tables of an Astrolabe storage (see <see cref="SqliteSchema"/>).</summary>
    private static readonly string[] AstrolabeTables =
        ["studies", "study_attrs", "study_counters", "trials", "trial_params", "trial_intermediate", "trial_attrs", "schema_version"];

    /// <summary>Tables that only Optuna's schema has (its RDB storage, version 3 and earlier).</summary>
    private static readonly string[] OptunaTables =
        ["alembic_version", "version_info", "study_directions", "trial_values", "trial_intermediate_values", "study_user_attributes"];

    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>
    /// Checks, before SQLite opens it, that an existing storage file is there and starts as a SQLite
    /// database does. Throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/>.
    /// </summary>
    public static void CheckExisting(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"'{path}' is a folder, not a storage file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The storage file '{path}' does not exist.", path);
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new InvalidDataException($"'{path}' is an empty file, not an Astrolabe storage.");
        }

        CheckHeader(path);
    }

    /// <summary>
    /// Checks, before SQLite opens it, that a storage file to write is absent, empty, or starts as a SQLite
    /// database does. Throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static void CheckWritable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"'{path}' is a folder, not a storage file.");
        }

        if (File.Exists(path))
        {
            CheckHeader(path);
        }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when a non-empty file does not start as a SQLite database does.</summary>
    private static void CheckHeader(string path)
    {
        Span<byte> start = stackalloc byte[16];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.Length == 0)
            {
                return;
            }

            read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        if (!start[..read].SequenceEqual(Header))
        {
            throw NotSqlite(path, null);
        }
    }

    /// <summary>
    /// Reads which tables the open database has (in <paramref name="tx"/> when one is open). Returns true for an Astrolabe storage this code reads and
    /// false for a database without any table (a new file); throws <see cref="InvalidDataException"/>
    /// naming the file for anything else: another program's database, a newer schema, a corrupt file.
    /// </summary>
    public static bool HasAstrolabeSchema(SqliteConnection connection, SqliteTransaction? tx, string source, int knownVersion)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var c = connection.CreateCommand())
        {
            c.Transaction = tx;
            c.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
            using var r = c.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return false;
        }

        var missing = AstrolabeTables.Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0 && OptunaTables.Any(tables.Contains))
        {
            throw new InvalidDataException($"'{source}' holds an Optuna storage; Astrolabe cannot read Optuna's schema.");
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException($"'{source}' is a SQLite database but not an Astrolabe storage (its tables: {Some(tables)}).");
        }

        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT MAX(version) FROM schema_version";
        long version = read.ExecuteScalar() is long v ? v : 0;
        if (version > knownVersion)
        {
            throw new InvalidDataException($"'{source}' was written with schema version {version}; this version of Astrolabe reads up to {knownVersion}. Upgrade Astrolabe.");
        }

        return true;
    }

    /// <summary>The error for a file SQLite cannot read as a database.</summary>
    public static InvalidDataException NotSqlite(string source, SqliteException? cause) =>
        new($"'{source}' is not a SQLite database (or is corrupt){(cause is null ? "" : $": {cause.Message}")}", cause);

    private static string Some(IEnumerable<string> tables)
    {
        var names = tables.Order(StringComparer.Ordinal).ToList();
        return names.Count <= 6 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(6))} and {names.Count - 6} more";
    }
}
