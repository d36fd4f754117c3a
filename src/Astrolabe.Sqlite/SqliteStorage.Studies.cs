using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <content>Studies, their attributes and counters.</content>
public sealed partial class SqliteStorage
{
    /// <inheritdoc />
    public int CreateStudy(string studyName, IReadOnlyList<StudyDirection> directions)
    {
        StorageRules.ValidateStudyName(studyName);
        StorageRules.ValidateDirections(directions);
        string json = JsonSerializer.Serialize(directions.Select(d => (int)d).ToArray());
        return Write(tx =>
        {
            if (Command("SELECT 1 FROM studies WHERE study_name = @p0", tx, studyName).ExecuteScalar() is not null)
            {
                throw new DuplicatedStudyException(studyName);
            }

            return Convert.ToInt32(Command("INSERT INTO studies(study_name, directions) VALUES(@p0, @p1) RETURNING study_id", tx, studyName, json).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <inheritdoc />
    public void DeleteStudy(int studyId) => Write(tx =>
    {
        if (Command("DELETE FROM studies WHERE study_id = @p0", tx, studyId).ExecuteNonQuery() == 0)
        {
            throw NotFound(studyId);
        }

        finished.Clear();
        running.Clear();
        directions.Remove(studyId);

        return 0;
    });

    /// <inheritdoc />
    public int GetStudyId(string studyName) => Read(tx =>
        Command("SELECT study_id FROM studies WHERE study_name = @p0", tx, studyName).ExecuteScalar() is long id
            ? (int)id
            : throw new StudyNotFoundException($"No study named '{studyName}' exists in '{Source}'."));

    /// <inheritdoc />
    public string GetStudyName(int studyId) => Read(tx =>
        Command("SELECT study_name FROM studies WHERE study_id = @p0", tx, studyId).ExecuteScalar() as string ?? throw NotFound(studyId));

    /// <inheritdoc />
    public IReadOnlyList<StudyDirection> GetStudyDirections(int studyId) => Read(tx => Directions(tx, studyId));

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> GetAllStudies() => Read(tx =>
    {
        var rows = new List<(int Id, string Name, StudyDirection[] Dirs)>();
        using (var r = Command("SELECT study_id, study_name, directions FROM studies ORDER BY study_id", tx).ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(((int)r.GetInt64(0), r.GetString(1), ParseDirections(r.GetString(2))));
            }
        }

        return rows.Select(s =>
        {
            long count = (long)Command("SELECT COUNT(*) FROM trials WHERE study_id = @p0", tx, s.Id).ExecuteScalar()!;
            var start = Time(Command("SELECT MIN(datetime_start) FROM trials WHERE study_id = @p0", tx, s.Id).ExecuteScalar()!);
            IReadOnlyList<double>? best = null;
            if (s.Dirs.Length == 1 && BestTrialId(tx, s.Id, s.Dirs[0]) is { } bestId)
            {
                best = LoadTrials(tx, [bestId])[0].Values;
            }

            return new StudySummary(s.Id, s.Name, s.Dirs, (int)count, best, start);
        }).ToList();
    });

    /// <inheritdoc />
    public long NextCounterValue(int studyId, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Write(tx =>
        {
            Directions(tx, studyId);
            long next = (long)Command(
                "INSERT INTO study_counters(study_id, key, value) VALUES(@p0, @p1, 1) ON CONFLICT(study_id, key) DO UPDATE SET value = value + 1 RETURNING value",
                tx, studyId, key).ExecuteScalar()!;
            return next - 1;
        });
    }

    /// <inheritdoc />
    private protected override void WriteStudyAttr(int studyId, int kind, string key, string json) =>
        Write(tx =>
        {
            Directions(tx, studyId);
            return Command("INSERT INTO study_attrs(study_id, kind, key, value) VALUES(@p0, @p1, @p2, @p3) ON CONFLICT(study_id, kind, key) DO UPDATE SET value = excluded.value",
                tx, studyId, kind, key, json).ExecuteNonQuery();
        });

    /// <inheritdoc />
    private protected override IReadOnlyDictionary<string, object?> ReadStudyAttrs(int studyId, int kind) => Read(tx =>
    {
        Directions(tx, studyId);
        using var r = Command("SELECT key, value FROM study_attrs WHERE study_id = @p0 AND kind = @p1", tx, studyId, kind).ExecuteReader();
        return StoredAttrs.Read(r);
    });

    private StudyDirection[] Directions(SqliteTransaction tx, int studyId)
    {
        if (!directions.TryGetValue(studyId, out var dirs))
        {
            var json = Command("SELECT directions FROM studies WHERE study_id = @p0", tx, studyId).ExecuteScalar() as string ?? throw NotFound(studyId);
            dirs = ParseDirections(json);
            directions[studyId] = dirs;
        }

        return dirs;
    }

    private static StudyDirection[] ParseDirections(string json) =>
        (JsonSerializer.Deserialize<int[]>(json) ?? []).Select(d => (StudyDirection)d).ToArray();

    private StudyNotFoundException NotFound(int studyId) => new($"No study with id {studyId} exists in '{Source}'.");
}
