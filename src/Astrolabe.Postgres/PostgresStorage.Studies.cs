using Npgsql;

namespace Astrolabe;

/// <content>Studies, their attributes and counters.</content>
public sealed partial class PostgresStorage
{
    /// <inheritdoc />
    public int CreateStudy(string studyName, IReadOnlyList<StudyDirection> directions)
    {
        EnsureWritable();
        StorageRules.ValidateStudyName(studyName);
        StorageRules.ValidateDirections(directions);
        int[] dirs = directions.Select(d => (int)d).ToArray();
        int? id = Write((c, tx) =>
        {
            using var cmd = Command(c, tx, "INSERT INTO astrolabe_studies(study_name, directions) VALUES($1, $2) ON CONFLICT(study_name) DO NOTHING RETURNING study_id, txid_current()", studyName, dirs);
            using var r = cmd.ExecuteReader();
            return r.Read() ? ((int?)r.GetInt32(0), (long?)r.GetInt64(1)) : (null, null);
        });
        return id ?? throw new DuplicatedStudyException(studyName);
    }

    /// <inheritdoc />
    public void DeleteStudy(int studyId)
    {
        EnsureWritable();
        bool deleted = Write((c, tx) => Scalar(c, tx, "DELETE FROM astrolabe_studies WHERE study_id = $1 RETURNING txid_current()", studyId) is long xid ? (true, (long?)xid) : (false, null));
        directions.TryRemove(studyId, out _);
        foreach (var (id, trial) in trialStudies)
        {
            if (trial == studyId)
            {
                trialStudies.TryRemove(id, out _);
                finished.TryRemove(id, out _);
                Disown(id);
            }
        }

        if (!deleted)
        {
            throw NotFound(studyId);
        }
    }

    /// <inheritdoc />
    public int GetStudyId(string studyName) =>
        Run(c => Scalar(c, null, "SELECT study_id FROM astrolabe_studies WHERE study_name = $1", studyName)) is int id
            ? id
            : throw new StudyNotFoundException($"No study named '{studyName}' exists in the {Source}.");

    /// <inheritdoc />
    public string GetStudyName(int studyId) =>
        Run(c => Scalar(c, null, "SELECT study_name FROM astrolabe_studies WHERE study_id = $1", studyId)) as string ?? throw NotFound(studyId);

    /// <inheritdoc />
    public IReadOnlyList<StudyDirection> GetStudyDirections(int studyId) => Directions(studyId);

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> GetAllStudies()
    {
        const string Sql = """
            SELECT s.study_id, s.study_name, s.directions,
                (SELECT COUNT(*) FROM astrolabe_trials t WHERE t.study_id = s.study_id),
                (SELECT MIN(datetime_start) FROM astrolabe_trials t WHERE t.study_id = s.study_id)
            FROM astrolabe_studies s ORDER BY s.study_id
            """;
        var rows = Run(c =>
        {
            var list = new List<(int Id, string Name, StudyDirection[] Dirs, long Count, object Start)>();
            using var cmd = Command(c, null, Sql);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add((r.GetInt32(0), r.GetString(1), ToDirections(r.GetFieldValue<int[]>(2)), r.GetInt64(3), r.GetValue(4)));
            }

            return list;
        });
        return rows.Select(s =>
        {
            IReadOnlyList<double>? best = null;
            if (s.Dirs.Length == 1 && BestTrialId(s.Id, s.Dirs[0]) is { } bestId)
            {
                best = GetTrial(bestId).Values;
            }

            return new StudySummary(s.Id, s.Name, s.Dirs, (int)s.Count, best, Time(s.Start));
        }).ToList();
    }

    /// <inheritdoc />
    public long NextCounterValue(int studyId, string key)
    {
        EnsureWritable();
        ArgumentException.ThrowIfNullOrEmpty(key);
        Directions(studyId);
        const string Sql = """
            INSERT INTO astrolabe_study_counters(study_id, key, value) VALUES($1, $2, 1)
            ON CONFLICT(study_id, key) DO UPDATE SET value = astrolabe_study_counters.value + 1 RETURNING value, txid_current()
            """;
        return WithStudy(studyId, () => Write((c, tx) =>
        {
            using var cmd = Command(c, tx, Sql, studyId, key);
            using var r = cmd.ExecuteReader();
            r.Read();
            return (r.GetInt64(0), (long?)r.GetInt64(1));
        })) - 1;
    }

    /// <inheritdoc />
    private protected override void WriteStudyAttr(int studyId, int kind, string key, string json)
    {
        EnsureWritable();
        Directions(studyId);
        const string Sql = """
            INSERT INTO astrolabe_study_attrs(study_id, kind, key, value) VALUES($1, $2, $3, $4)
            ON CONFLICT(study_id, kind, key) DO UPDATE SET value = excluded.value
            """;
        WithStudy(studyId, () => Run(c => Execute(c, null, Sql, studyId, kind, key, json)));
    }

    /// <inheritdoc />
    private protected override IReadOnlyDictionary<string, object?> ReadStudyAttrs(int studyId, int kind)
    {
        Directions(studyId);
        return Run(c =>
        {
            using var cmd = Command(c, null, "SELECT key, value FROM astrolabe_study_attrs WHERE study_id = $1 AND kind = $2", studyId, kind);
            using var r = cmd.ExecuteReader();
            return StoredAttrs.Read(r);
        });
    }

    /// <summary>The directions of a study (cached: they never change); throws <see cref="StudyNotFoundException"/>.</summary>
    private StudyDirection[] Directions(int studyId)
    {
        if (directions.TryGetValue(studyId, out var dirs))
        {
            return dirs;
        }

        var stored = Run(c => Scalar(c, null, "SELECT directions FROM astrolabe_studies WHERE study_id = $1", studyId)) as int[] ?? throw NotFound(studyId);
        return directions[studyId] = ToDirections(stored);
    }

    /// <summary>Runs a write that names a study, turning a foreign-key violation (the study was deleted meanwhile) into <see cref="StudyNotFoundException"/>.</summary>
    private T WithStudy<T>(int studyId, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            directions.TryRemove(studyId, out _);
            throw NotFound(studyId);
        }
    }

    private static StudyDirection[] ToDirections(int[] stored) => stored.Select(d => (StudyDirection)d).ToArray();

    private StudyNotFoundException NotFound(int studyId) => new($"No study with id {studyId} exists in the {Source}.");
}
