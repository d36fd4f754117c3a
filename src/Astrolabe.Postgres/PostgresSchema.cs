using Npgsql;

namespace Astrolabe;

/// <summary>
/// The versioned schema of Astrolabe's tables in a PostgreSQL database (all named <c>astrolabe_*</c>, in the
/// connection's search path), created on first use under an advisory lock so that workers starting together
/// do not race.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>An arbitrary constant: the advisory lock taken while creating the schema.</summary>
    private const long LockKey = 0x41737472_6F6C6162;

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
        INSERT INTO astrolabe_schema_version(version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM astrolabe_schema_version);
        """;

    /// <summary>Creates the schema when absent and checks its version; throws <see cref="InvalidDataException"/> for a newer one.</summary>
    public static void Ensure(NpgsqlConnection connection, string source)
    {
        using var tx = connection.BeginTransaction();
        using (var exists = new NpgsqlCommand("SELECT to_regclass('astrolabe_schema_version') IS NOT NULL", connection, tx))
        {
            if (!(bool)exists.ExecuteScalar()!)
            {
                using var locked = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, tx);
                locked.ExecuteNonQuery();
                using var create = new NpgsqlCommand(CreateSql, connection, tx);
                create.ExecuteNonQuery();
            }
        }

        using var read = new NpgsqlCommand("SELECT MAX(version) FROM astrolabe_schema_version", connection, tx);
        int version = read.ExecuteScalar() is int v ? v : 0;
        tx.Commit();
        if (version > Version)
        {
            throw new InvalidDataException($"The Astrolabe tables in {source} were written with schema version {version}; this version of Astrolabe reads up to {Version}. Upgrade Astrolabe.");
        }
    }
}
