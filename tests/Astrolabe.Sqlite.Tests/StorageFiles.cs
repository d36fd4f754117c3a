using Microsoft.Data.Sqlite;

namespace Astrolabe.Sqlite.Tests;

/// <summary>Files that are given as SQLite storages: Astrolabe's own, and every kind that is not one.</summary>
internal static class StorageFiles
{
    /// <summary>The kinds of file that are not an Astrolabe storage this code reads, by name.</summary>
    public static readonly string[] NotAStorage = ["missing", "folder", "empty file", "text", "corrupt", "empty database", "foreign", "foreign in WAL mode", "optuna", "newer schema"];

    /// <summary>Writes a file of the named kind at <paramref name="path"/> ("missing" writes nothing).</summary>
    public static void Write(string kind, string path)
    {
        switch (kind)
        {
            case "missing":
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "empty file":
                File.WriteAllBytes(path, []);
                break;
            case "text":
                File.WriteAllText(path, "number,value\n0,0.25\n1,0.5\n" + new string('x', 4096));
                break;
            case "corrupt":
                Astrolabe(path);
                var bytes = File.ReadAllBytes(path);
                bytes.AsSpan(100).Fill(0x55);
                File.WriteAllBytes(path, bytes);
                break;
            case "empty database":
                Sql(path, "PRAGMA user_version = 7");
                break;
            case "foreign":
                Sql(path, "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES('keep me')");
                break;
            case "foreign in WAL mode":
                Sql(path, "PRAGMA journal_mode = WAL; CREATE TABLE trials(id INTEGER PRIMARY KEY, loss REAL); INSERT INTO trials(loss) VALUES(0.5)");
                break;
            case "optuna":
                Sql(path, OptunaSchema);
                break;
            case "newer schema":
                Astrolabe(path);
                Sql(path, "UPDATE schema_version SET version = 99");
                break;
            default:
                throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind));
        }
    }

    /// <summary>The error that opening a file of the named kind at <paramref name="path"/> gives.</summary>
    public static string Error(string kind, string path) => kind switch
    {
        "missing" => $"The storage file '{path}' does not exist.",
        "folder" => $"'{path}' is a folder, not a storage file.",
        "empty file" => $"'{path}' is an empty file, not an Astrolabe storage.",
        "text" or "corrupt" => $"'{path}' is not a SQLite database (or is corrupt)",
        "empty database" => $"'{path}' is an empty SQLite database, not an Astrolabe storage.",
        "foreign" => $"'{path}' is a SQLite database but not an Astrolabe storage (its tables: notes).",
        "foreign in WAL mode" => $"'{path}' is a SQLite database but not an Astrolabe storage (its tables: trials).",
        "optuna" => $"'{path}' holds an Optuna storage; Astrolabe cannot read Optuna's schema.",
        "newer schema" => $"'{path}' was written with schema version 99; this version of Astrolabe reads up to 1. Upgrade Astrolabe.",
        _ => throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind)),
    };

    /// <summary>An Astrolabe storage with one study, "s", of three finished trials.</summary>
    public static void Astrolabe(string path)
    {
        using var storage = new SqliteStorage(path);
        var study = Study.Create(new StudyOptions { StudyName = "s", Storage = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        study.Optimize(t =>
        {
            t.Report(1, 0);
            return t.SuggestFloat("x", 0, 1);
        }, nTrials: 3);
    }

    /// <summary>Every file in the folder (recursively) with its bytes, to compare before and after.</summary>
    public static SortedDictionary<string, string> Contents(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f))),
        StringComparer.Ordinal);

    private static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The tables of Optuna's RDB storage (schema of Optuna 3), with a study in them.</summary>
    private const string OptunaSchema = """
        CREATE TABLE studies (study_id INTEGER NOT NULL, study_name VARCHAR(512) NOT NULL, PRIMARY KEY (study_id));
        CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name);
        CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER, library_version VARCHAR(256), PRIMARY KEY (version_info_id), CHECK (version_info_id=1));
        CREATE TABLE study_directions (study_direction_id INTEGER NOT NULL, direction VARCHAR(8) NOT NULL, study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id), UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id));
        CREATE TABLE study_user_attributes (study_user_attribute_id INTEGER NOT NULL, study_id INTEGER, key VARCHAR(512), value_json TEXT, PRIMARY KEY (study_user_attribute_id), UNIQUE (study_id, key), FOREIGN KEY(study_id) REFERENCES studies (study_id));
        CREATE TABLE study_system_attributes (study_system_attribute_id INTEGER NOT NULL, study_id INTEGER, key VARCHAR(512), value_json TEXT, PRIMARY KEY (study_system_attribute_id), UNIQUE (study_id, key), FOREIGN KEY(study_id) REFERENCES studies (study_id));
        CREATE TABLE trials (trial_id INTEGER NOT NULL, number INTEGER, study_id INTEGER, state VARCHAR(8) NOT NULL, datetime_start DATETIME, datetime_complete DATETIME, PRIMARY KEY (trial_id), FOREIGN KEY(study_id) REFERENCES studies (study_id));
        CREATE TABLE trial_user_attributes (trial_user_attribute_id INTEGER NOT NULL, trial_id INTEGER, key VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_user_attribute_id), UNIQUE (trial_id, key), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
        CREATE TABLE trial_system_attributes (trial_system_attribute_id INTEGER NOT NULL, trial_id INTEGER, key VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_system_attribute_id), UNIQUE (trial_id, key), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
        CREATE TABLE trial_params (param_id INTEGER NOT NULL, trial_id INTEGER, param_name VARCHAR(512), param_value FLOAT, distribution_json TEXT, PRIMARY KEY (param_id), UNIQUE (trial_id, param_name), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
        CREATE TABLE trial_values (trial_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, objective INTEGER NOT NULL, value FLOAT, value_type VARCHAR(7) NOT NULL, PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
        CREATE TABLE trial_intermediate_values (trial_intermediate_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, step INTEGER NOT NULL, intermediate_value FLOAT, intermediate_value_type VARCHAR(7) NOT NULL, PRIMARY KEY (trial_intermediate_value_id), UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
        CREATE TABLE trial_heartbeats (trial_heartbeat_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, heartbeat DATETIME NOT NULL, PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
        CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
        INSERT INTO version_info VALUES (1, 12, '3.6.1');
        INSERT INTO alembic_version VALUES ('v3.2.0.a');
        INSERT INTO studies VALUES (1, 'optuna-study');
        INSERT INTO study_directions VALUES (1, 'MINIMIZE', 1, 0);
        INSERT INTO trials VALUES (1, 0, 1, 'COMPLETE', '2024-01-01 00:00:00', '2024-01-01 00:00:01');
        INSERT INTO trial_values VALUES (1, 1, 0, 0.25, 'FINITE');
        """;
}
