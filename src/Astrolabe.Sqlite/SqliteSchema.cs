using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <summary>The versioned schema of an Astrolabe SQLite file, created on first use by a storage that writes.</summary>
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

    /// <summary>
    /// Creates the schema in a database without tables, and checks that any other is an Astrolabe storage
    /// this code reads; throws <see cref="InvalidDataException"/> otherwise, having changed nothing.
    /// </summary>
    public static void Ensure(SqliteConnection connection, string source)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        if (!SqliteFile.HasAstrolabeSchema(connection, tx, source, Version))
        {
            using var create = connection.CreateCommand();
            create.Transaction = tx;
            create.CommandText = CreateSql;
            create.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>Checks that an existing database is an Astrolabe storage this code reads; throws <see cref="InvalidDataException"/> otherwise.</summary>
    public static void Check(SqliteConnection connection, string source)
    {
        if (!SqliteFile.HasAstrolabeSchema(connection, null, source, Version))
        {
            throw new InvalidDataException($"'{source}' is an empty SQLite database, not an Astrolabe storage.");
        }
    }
}
