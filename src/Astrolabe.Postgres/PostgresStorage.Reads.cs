using Npgsql;

namespace Astrolabe;

/// <content>Reading trials, with the cache of finished ones.</content>
public sealed partial class PostgresStorage
{
    private const int Batch = 5000;

    /// <summary>The fewest trials read by selecting their whole study rather than lists of ids.</summary>
    private const int MinStudyLoad = 400;

    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId)
    {
        if (finished.TryGetValue(trialId, out var cached) || owned.TryGetValue(trialId, out cached))
        {
            return cached;
        }

        var list = Run(c => LoadTrials(c, [trialId]));
        return list.Count == 1 ? list[0] : throw UnknownTrial(trialId);
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        Directions(studyId);
        int[]? wanted = states?.Select(s => (int)s).ToArray();
        return Run(c =>
        {
            var ids = new List<long>();
            var missing = new List<long>();
            using (var cmd = wanted is null
                ? Command(c, null, "SELECT trial_id FROM astrolabe_trials WHERE study_id = $1 ORDER BY number", studyId)
                : Command(c, null, "SELECT trial_id FROM astrolabe_trials WHERE study_id = $1 AND state = ANY($2) ORDER BY number", studyId, wanted))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    long id = r.GetInt64(0);
                    ids.Add(id);
                    if (!finished.ContainsKey(id))
                    {
                        missing.Add(id);
                    }
                }
            }

            bool most = missing.Count >= MinStudyLoad && missing.Count * 2 >= ids.Count;
            var loaded = (most ? LoadStudy(c, studyId, missing) : LoadTrials(c, missing)).ToDictionary(t => t.TrialId);
            return (IReadOnlyList<FrozenTrial>)ids.Select(id => finished.TryGetValue(id, out var t) ? t : loaded[id]).ToList();
        });
    }

    /// <inheritdoc />
    public int GetTrialCount(int studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        Directions(studyId);
        int[]? wanted = states?.Select(s => (int)s).ToArray();
        object? count = Run(c => wanted is null
            ? Scalar(c, null, "SELECT COUNT(*) FROM astrolabe_trials WHERE study_id = $1", studyId)
            : Scalar(c, null, "SELECT COUNT(*) FROM astrolabe_trials WHERE study_id = $1 AND state = ANY($2)", studyId, wanted));
        return (int)(long)count!;
    }

    /// <inheritdoc />
    public FrozenTrial GetBestTrial(int studyId)
    {
        var dirs = Directions(studyId);
        if (dirs.Length != 1)
        {
            throw new InvalidOperationException("The best trial is defined for single-objective studies; use the Pareto front (BestTrials).");
        }

        return BestTrialId(studyId, dirs[0]) is { } id ? GetTrial(id) : throw new InvalidOperationException($"Study {studyId} has no Complete trial yet.");
    }

    /// <summary>The best Complete trial's id (the lowest number among ties); two index look-ups at any study size.</summary>
    private long? BestTrialId(int studyId, StudyDirection direction)
    {
        string aggregate = direction == StudyDirection.Minimize ? "MIN" : "MAX";
        string sql = $"""
            SELECT trial_id FROM astrolabe_trials WHERE study_id = $1 AND state = {SqlCodes.Complete}
              AND value0 = (SELECT {aggregate}(value0) FROM astrolabe_trials WHERE study_id = $1 AND state = {SqlCodes.Complete})
            ORDER BY number LIMIT 1
            """;
        return Run(c => Scalar(c, null, sql, studyId)) as long?;
    }

    /// <summary>Loads full snapshots of the given trials (in the given order) and caches the finished ones.</summary>
    private List<FrozenTrial> LoadTrials(NpgsqlConnection c, List<long> ids)
    {
        var result = new List<FrozenTrial>(ids.Count);
        for (int start = 0; start < ids.Count; start += Batch)
        {
            long[] part = ids.Skip(start).Take(Batch).ToArray();
            result.AddRange(Load(c, part, "trial_id = ANY($1)", part));
        }

        return result;
    }

    /// <summary>
    /// Loads full snapshots of many trials of a study (in the given order) in one round trip: the queries
    /// select the whole study, which the server answers with one scan per table, and rows of the trials
    /// not asked for (those already cached) are skipped.
    /// </summary>
    private List<FrozenTrial> LoadStudy(NpgsqlConnection c, int studyId, IReadOnlyList<long> ids) =>
        Load(c, [.. ids], "trial_id IN (SELECT trial_id FROM astrolabe_trials WHERE study_id = $1)", studyId);

    /// <summary>One round trip: the rows, parameters, intermediate values and attributes of the trials matching <paramref name="where"/> ($1 bound to <paramref name="arg"/>).</summary>
    private List<FrozenTrial> Load(NpgsqlConnection c, long[] ids, string where, object arg)
    {
        using var batch = new NpgsqlBatch(c);
        Add(batch, $"SELECT trial_id, number, state, vals, datetime_start, datetime_complete, study_id FROM astrolabe_trials WHERE {where}", arg);
        Add(batch, $"SELECT trial_id, seq, name, value, distribution FROM astrolabe_trial_params WHERE {where}", arg);
        Add(batch, $"SELECT trial_id, step, value FROM astrolabe_trial_intermediate WHERE {where}", arg);
        Add(batch, $"SELECT trial_id, kind, key, value FROM astrolabe_trial_attrs WHERE {where}", arg);
        using var r = batch.ExecuteReader();
        var result = ReadLoad(r, ids);
        foreach (var t in result)
        {
            if (t.State.IsFinished())
            {
                finished[t.TrialId] = t;
            }
        }

        return result;
    }

    /// <summary>Reads the four result sets of <see cref="Load"/> into snapshots of <paramref name="ids"/>, in their order (rows of other trials are skipped).</summary>
    private List<FrozenTrial> ReadLoad(NpgsqlDataReader r, long[] ids)
    {
        var rows = ids.ToDictionary(id => id, _ => new PostgresTrialRow());
        while (r.Read())
        {
            if (rows.TryGetValue(r.GetInt64(0), out var row))
            {
                row.Number = r.GetInt32(1);
                row.State = (TrialState)r.GetInt32(2);
                row.Values = r.IsDBNull(3) ? null : r.GetFieldValue<double[]>(3);
                row.Start = r.IsDBNull(4) ? null : r.GetInt64(4);
                row.Complete = r.IsDBNull(5) ? null : r.GetInt64(5);
                row.Found = true;
                trialStudies[r.GetInt64(0)] = r.GetInt32(6);
            }
        }

        r.NextResult();
        while (r.Read())
        {
            if (rows.TryGetValue(r.GetInt64(0), out var row))
            {
                row.AddParam(r.GetInt64(1), r.GetString(2), r.GetDouble(3), ParseDistribution(r.GetString(4)));
            }
        }

        r.NextResult();
        while (r.Read())
        {
            if (rows.TryGetValue(r.GetInt64(0), out var row))
            {
                row.Intermediate[r.GetInt64(1)] = r.GetDouble(2);
            }
        }

        r.NextResult();
        while (r.Read())
        {
            if (rows.TryGetValue(r.GetInt64(0), out var row))
            {
                (r.GetInt32(1) == StoredAttrs.User ? row.UserAttrs : row.SystemAttrs)[r.GetString(2)] = JsonValues.Deserialize(r.GetString(3));
            }
        }

        return ids.Where(id => rows[id].Found).Select(id => rows[id].ToFrozen(id)).ToList();
    }
}
