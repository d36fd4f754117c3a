using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <summary>The versioned schema of an Astrolabe SQLite file, created on first use.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int Version = 1;

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS studies(
            study_id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_name TEXT NOT NULL UNIQUE,
            directions TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS study_attrs(
            study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
            kind INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY(study_id, kind, key));
        CREATE TABLE IF NOT EXISTS study_counters(
            study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY(study_id, key));
        CREATE TABLE IF NOT EXISTS trials(
            trial_id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            state INTEGER NOT NULL,
            value0 REAL,
            vals TEXT,
            datetime_start INTEGER,
            datetime_complete INTEGER,
            heartbeat INTEGER,
            UNIQUE(study_id, number));
        CREATE INDEX IF NOT EXISTS ix_trials_study_state ON trials(study_id, state, value0);
        CREATE TABLE IF NOT EXISTS trial_params(
            trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            value REAL NOT NULL,
            distribution TEXT NOT NULL,
            PRIMARY KEY(trial_id, name));
        CREATE TABLE IF NOT EXISTS trial_intermediate(
            trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY(trial_id, step));
        CREATE TABLE IF NOT EXISTS trial_attrs(
            trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
            kind INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY(trial_id, kind, key));
        CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL);
        INSERT INTO schema_version(version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM schema_version);
        """;

    /// <summary>Creates the schema when absent and checks the version; throws <see cref="InvalidDataException"/> otherwise.</summary>
    public static void Ensure(SqliteConnection connection, string source)
    {
        using (var tx = connection.BeginTransaction(deferred: false))
        {
            using var create = connection.CreateCommand();
            create.Transaction = tx;
            create.CommandText = CreateSql;
            create.ExecuteNonQuery();
            tx.Commit();
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT MAX(version) FROM schema_version";
        long version = Convert.ToInt64(read.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new InvalidDataException($"'{source}' was written with schema version {version}; this version of Astrolabe reads up to {Version}. Upgrade Astrolabe.");
        }
    }
}
