using Npgsql;

namespace Astrolabe.Postgres.Tests;

/// <summary>What a test's schema holds when it is given as a storage: Astrolabe's tables, and every kind of content that is not a storage.</summary>
internal static class DatabaseKinds
{
    /// <summary>The kinds of schema that are not an Astrolabe storage this code reads, by name.</summary>
    public static readonly string[] NotAStorage = ["missing schema", "empty schema", "foreign", "optuna", "newer schema", "incomplete"];

    /// <summary>Optuna's RDB schema (version 3), cut down to what tells it apart.</summary>
    private const string OptunaSchema = """
        CREATE TABLE studies(study_id serial PRIMARY KEY, study_name varchar(512) NOT NULL UNIQUE);
        CREATE TABLE study_directions(study_direction_id serial PRIMARY KEY, direction varchar(8) NOT NULL, study_id integer REFERENCES studies, objective integer NOT NULL);
        CREATE TABLE trials(trial_id serial PRIMARY KEY, number integer, study_id integer REFERENCES studies, state varchar(8) NOT NULL);
        CREATE TABLE trial_values(trial_value_id serial PRIMARY KEY, trial_id integer REFERENCES trials, objective integer NOT NULL, value double precision);
        CREATE TABLE version_info(version_info_id integer PRIMARY KEY, schema_version integer, library_version varchar(256));
        CREATE TABLE alembic_version(version_num varchar(32) PRIMARY KEY);
        INSERT INTO studies(study_name) VALUES('s');
        INSERT INTO version_info VALUES(1, 12, '3.6.1');
        INSERT INTO alembic_version VALUES('v3.2.0.a');
        """;

    /// <summary>Makes <paramref name="schema"/> hold content of the named kind ("missing schema" drops it: the search path names no schema).</summary>
    public static void Write(string kind, TestSchema schema)
    {
        switch (kind)
        {
            case "missing schema":
                schema.Exec($"DROP SCHEMA {schema.Name}");
                break;
            case "empty schema":
                break;
            case "foreign":
                schema.Exec($"SET search_path = {schema.Name}; CREATE TABLE notes(id serial PRIMARY KEY, text text); INSERT INTO notes(text) VALUES('keep me')");
                break;
            case "optuna":
                schema.Exec($"SET search_path = {schema.Name}; {OptunaSchema}");
                break;
            case "newer schema":
                using (var storage = new PostgresStorage(schema.ConnectionString))
                {
                    Astrolabe(storage);
                }

                schema.Exec($"UPDATE {schema.Name}.astrolabe_schema_version SET version = 99");
                break;
            case "incomplete":
                using (var storage = new PostgresStorage(schema.ConnectionString))
                {
                    Astrolabe(storage);
                }

                schema.Exec($"DROP TABLE {schema.Name}.astrolabe_trial_attrs, {schema.Name}.astrolabe_trial_intermediate");
                break;
            default:
                throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind));
        }
    }

    /// <summary>The error that opening a schema of the named kind read-only gives.</summary>
    public static string Error(string kind, TestSchema schema)
    {
        var b = new NpgsqlConnectionStringBuilder(schema.Admin);
        string source = $"PostgreSQL database '{b.Database}' at {b.Host}:{b.Port} (user '{b.Username}')";
        return kind switch
        {
            "missing schema" => $"The {source} holds no Astrolabe storage (its search path '{schema.Name}' names no existing schema).",
            "empty schema" => $"The {source} holds no Astrolabe storage (schema '{schema.Name}' has no tables).",
            "foreign" => $"The {source} holds no Astrolabe storage (its tables in schema '{schema.Name}': notes).",
            "optuna" => $"The {source} holds an Optuna storage; Astrolabe cannot read Optuna's schema.",
            "newer schema" => $"The Astrolabe tables in the {source} were written with schema version 99; this version of Astrolabe reads up to 2. Upgrade Astrolabe.",
            "incomplete" => $"The {source} holds an incomplete Astrolabe storage (missing tables: astrolabe_trial_intermediate, astrolabe_trial_attrs); it may be damaged.",
            _ => throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind)),
        };
    }

    /// <summary>An Astrolabe storage with one study, "s", of three finished trials.</summary>
    public static void Astrolabe(PostgresStorage storage)
    {
        var study = Study.Create(new StudyOptions { StudyName = "s", Storage = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        study.Optimize(t =>
        {
            t.Report(1, 0);
            return t.SuggestFloat("x", 0, 1);
        }, nTrials: 3);
    }

    /// <summary>Whether the schema exists, its tables, and a digest of every row of each.</summary>
    public static (bool Exists, string Tables, string Rows) Contents(TestSchema schema)
    {
        using var c = new NpgsqlConnection(schema.Admin);
        c.Open();
        bool exists;
        using (var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", c))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
            exists = (bool)cmd.ExecuteScalar()!;
        }

        var tables = new List<string>();
        using (var cmd = new NpgsqlCommand("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 ORDER BY c.relname", c))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        var rows = new List<string>();
        using (var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", c))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
            var names = new List<string>();
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    names.Add(r.GetString(0));
                }
            }

            foreach (string name in names)
            {
                using var digest = new NpgsqlCommand($"SELECT COALESCE(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM {schema.Name}.{name} x", c);
                rows.Add($"{name}:{digest.ExecuteScalar()}");
            }
        }

        return (exists, string.Join(",", tables), string.Join(",", rows));
    }
}
