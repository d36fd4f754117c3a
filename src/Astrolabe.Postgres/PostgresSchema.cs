using Npgsql;

namespace Astrolabe;

/// <summary>
/// The versioned schema of Astrolabe's tables in a PostgreSQL database (all named <c>astrolabe_*</c>, in the
/// connection's search path), created on first use under an advisory lock so that workers starting together
/// do not race; a storage opened read-only only checks that it is there.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>
    /// The schema version this code writes and reads. Version 2 added the request tokens of the trials
    /// (<c>create_request</c>, <c>claim_request</c>); a version-1 database is upgraded in place when a writer
    /// opens it, and read as it is by a read-only storage.
    /// </summary>
    public const int Version = 2;

    /// <summary>The oldest schema version this code reads (opened read-only) or upgrades.</summary>
    public const int OldestVersion = 1;

    /// <summary>An arbitrary constant: the advisory lock taken while creating the schema.</summary>
    private const long LockKey = 0x41737472_6F6C6162;

    /// <summary>The tables of a storage (see <see cref="CreateSql"/>), in the order they are created.</summary>
    private static readonly string[] Tables =
    [
        "astrolabe_schema_version", "astrolabe_studies", "astrolabe_study_attrs", "astrolabe_study_counters",
        "astrolabe_trials", "astrolabe_trial_params", "astrolabe_trial_intermediate", "astrolabe_trial_attrs",
    ];

    /// <summary>Tables that only Optuna's schema has (its RDB storage, version 3 and earlier).</summary>
    private static readonly string[] OptunaTables =
        ["alembic_version", "version_info", "study_directions", "trial_values", "trial_intermediate_values", "study_user_attributes"];

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS astrolabe_schema_version(version integer NOT NULL);
        CREATE TABLE IF NOT EXISTS astrolabe_studies(
            study_id serial PRIMARY KEY,
            study_name text NOT NULL UNIQUE,
            directions integer[] NOT NULL,
            next_number integer NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS astrolabe_study_attrs(
            study_id integer NOT NULL REFERENCES astrolabe_studies(study_id) ON DELETE CASCADE,
            kind integer NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY(study_id, kind, key));
        CREATE TABLE IF NOT EXISTS astrolabe_study_counters(
            study_id integer NOT NULL REFERENCES astrolabe_studies(study_id) ON DELETE CASCADE,
            key text NOT NULL,
            value bigint NOT NULL,
            PRIMARY KEY(study_id, key));
        CREATE TABLE IF NOT EXISTS astrolabe_trials(
            trial_id bigserial PRIMARY KEY,
            study_id integer NOT NULL REFERENCES astrolabe_studies(study_id) ON DELETE CASCADE,
            number integer NOT NULL,
            state integer NOT NULL,
            value0 double precision,
            vals double precision[],
            datetime_start bigint,
            datetime_complete bigint,
            heartbeat bigint,
            create_request uuid,
            claim_request uuid,
            UNIQUE(study_id, number));
        CREATE INDEX IF NOT EXISTS ix_astrolabe_trials_state_value ON astrolabe_trials(study_id, state, value0, number);
        CREATE TABLE IF NOT EXISTS astrolabe_trial_params(
            trial_id bigint NOT NULL REFERENCES astrolabe_trials(trial_id) ON DELETE CASCADE,
            seq integer NOT NULL,
            name text NOT NULL,
            value double precision NOT NULL,
            distribution text NOT NULL,
            PRIMARY KEY(trial_id, name));
        CREATE TABLE IF NOT EXISTS astrolabe_trial_intermediate(
            trial_id bigint NOT NULL REFERENCES astrolabe_trials(trial_id) ON DELETE CASCADE,
            step bigint NOT NULL,
            value double precision NOT NULL,
            PRIMARY KEY(trial_id, step));
        CREATE TABLE IF NOT EXISTS astrolabe_trial_attrs(
            trial_id bigint NOT NULL REFERENCES astrolabe_trials(trial_id) ON DELETE CASCADE,
            kind integer NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY(trial_id, kind, key));
        INSERT INTO astrolabe_schema_version(version) SELECT 2 WHERE NOT EXISTS (SELECT 1 FROM astrolabe_schema_version);
        """;

    /// <summary>
    /// Version 1 to 2: the token of the call that created a trial and of the call that claimed it (null for the
    /// trials written before). Adding nullable columns without a default rewrites nothing, so the table is locked
    /// only for an instant; writers of version 1 still running go on (they leave the tokens null).
    /// </summary>
    private const string UpgradeSql = """
        ALTER TABLE astrolabe_trials ADD COLUMN IF NOT EXISTS create_request uuid, ADD COLUMN IF NOT EXISTS claim_request uuid;
        UPDATE astrolabe_schema_version SET version = 2;
        """;

    /// <summary>
    /// Creates the schema when absent, upgrades an older version, and checks its version; throws
    /// <see cref="InvalidDataException"/> for a newer one. Creating and upgrading happen under an advisory lock,
    /// and the version is read again once it is held, so that storages opening together do it once.
    /// </summary>
    public static void Ensure(NpgsqlConnection connection, string source)
    {
        using var tx = connection.BeginTransaction();
        using (var exists = new NpgsqlCommand("SELECT to_regclass('astrolabe_schema_version') IS NOT NULL", connection, tx))
        {
            if (!(bool)exists.ExecuteScalar()!)
            {
                Lock(connection, tx);
                using var create = new NpgsqlCommand(CreateSql, connection, tx);
                create.ExecuteNonQuery();
            }
        }

        int version = ReadVersion(connection, tx);
        if (version is >= OldestVersion and < Version)
        {
            Lock(connection, tx);
            if (ReadVersion(connection, tx) < Version)
            {
                using var upgrade = new NpgsqlCommand(UpgradeSql, connection, tx);
                upgrade.ExecuteNonQuery();
            }

            version = ReadVersion(connection, tx);
        }

        tx.Commit();
        CheckVersion(version, source);
    }

    /// <summary>
    /// Checks, writing nothing, that the schemas of the connection's search path hold an Astrolabe storage
    /// this code reads; throws <see cref="InvalidDataException"/> naming <paramref name="source"/> and what
    /// it holds instead: nothing (or no schema at all), other tables, Optuna's schema, an incomplete storage,
    /// or a newer schema version.
    /// </summary>
    public static void Check(NpgsqlConnection connection, string source)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        string searchPath;
        string[] schemas;
        using (var cmd = new NpgsqlCommand("SELECT current_setting('search_path'), current_schemas(false)", connection))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            searchPath = r.GetString(0);
            schemas = r.GetFieldValue<string[]>(1);
        }

        using (var cmd = new NpgsqlCommand("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1)", connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = schemas });
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        if (!tables.Contains("astrolabe_schema_version"))
        {
            if (OptunaTables.Any(tables.Contains))
            {
                throw new InvalidDataException($"The {source} holds an Optuna storage; Astrolabe cannot read Optuna's schema.");
            }

            string where = schemas.Length == 1 ? $"schema '{schemas[0]}'" : $"schemas {string.Join(", ", schemas.Select(s => $"'{s}'"))}";
            string what = schemas.Length == 0 ? $"its search path '{searchPath}' names no existing schema"
                : tables.Count == 0 ? $"{where} {(schemas.Length == 1 ? "has" : "have")} no tables"
                : $"its tables in {where}: {Some(tables)}";
            throw new InvalidDataException($"The {source} holds no Astrolabe storage ({what}).");
        }

        var missing = Tables.Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The {source} holds an incomplete Astrolabe storage (missing tables: {string.Join(", ", missing)}); it may be damaged.");
        }

        CheckVersion(ReadVersion(connection, null), source);
    }

    private static void Lock(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using var locked = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, tx);
        locked.ExecuteNonQuery();
    }

    private static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? tx)
    {
        using var read = new NpgsqlCommand("SELECT MAX(version) FROM astrolabe_schema_version", connection, tx);
        return read.ExecuteScalar() is int v ? v : 0;
    }

    private static void CheckVersion(int version, string source)
    {
        if (version > Version)
        {
            throw new InvalidDataException($"The Astrolabe tables in the {source} were written with schema version {version}; this version of Astrolabe reads up to {Version}. Upgrade Astrolabe.");
        }
    }

    private static string Some(IEnumerable<string> tables)
    {
        var names = tables.Order(StringComparer.Ordinal).ToList();
        return names.Count <= 6 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(6))} and {names.Count - 6} more";
    }
}
