using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <content>Reading trials, with the cache of finished ones.</content>
public sealed partial class SqliteStorage
{
    private const int Batch = 400;

    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId)
    {
        lock (gate)
        {
            if (finished.TryGetValue(trialId, out var cached))
            {
                return cached;
            }
        }

        return Read(tx =>
        {
            var list = LoadTrials(tx, [trialId]);
            return list.Count == 1 ? list[0] : throw new KeyNotFoundException($"No trial with id {trialId} exists in '{Source}'.");
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null) => Read(tx =>
    {
        Directions(tx, studyId);
        var ids = new List<long>();
        var missing = new List<long>();
        using (var r = Command("SELECT trial_id, state FROM trials WHERE study_id = @p0 ORDER BY number", tx, studyId).ExecuteReader())
        {
            while (r.Read())
            {
                long id = r.GetInt64(0);
                if (states is not null && !states.Contains((TrialState)r.GetInt64(1)))
                {
                    continue;
                }

                ids.Add(id);
                if (!finished.ContainsKey(id))
                {
                    missing.Add(id);
                }
            }
        }

        var loaded = LoadTrials(tx, missing).ToDictionary(t => t.TrialId);
        return ids.Select(id => finished.TryGetValue(id, out var t) ? t : loaded[id]).ToList();
    });

    /// <inheritdoc />
    public int GetTrialCount(int studyId, IReadOnlyCollection<TrialState>? states = null) => Read(tx =>
    {
        Directions(tx, studyId);
        if (states is null)
        {
            return (int)(long)Command("SELECT COUNT(*) FROM trials WHERE study_id = @p0", tx, studyId).ExecuteScalar()!;
        }

        string list = string.Join(",", states.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        using var c = connection.CreateCommand();
        c.Transaction = tx;
        c.CommandText = $"SELECT COUNT(*) FROM trials WHERE study_id = @id AND state IN ({list})";
        c.Parameters.AddWithValue("@id", studyId);
        return (int)(long)c.ExecuteScalar()!;
    });

    /// <inheritdoc />
    public FrozenTrial GetBestTrial(int studyId)
    {
        long? best = Read(tx =>
        {
            var dirs = Directions(tx, studyId);
            if (dirs.Length != 1)
            {
                throw new InvalidOperationException("The best trial is defined for single-objective studies; use the Pareto front (BestTrials).");
            }

            return BestTrialId(tx, studyId, dirs[0]);
        });
        return best is { } id ? GetTrial(id) : throw new InvalidOperationException($"Study {studyId} has no Complete trial yet.");
    }

    private long? BestTrialId(SqliteTransaction tx, int studyId, StudyDirection direction) =>
        Command(direction == StudyDirection.Minimize
            ? "SELECT trial_id FROM trials WHERE study_id = @p0 AND state = 1 ORDER BY value0 ASC, number ASC LIMIT 1"
            : "SELECT trial_id FROM trials WHERE study_id = @p0 AND state = 1 ORDER BY value0 DESC, number ASC LIMIT 1", tx, studyId).ExecuteScalar() as long?;

    /// <summary>Loads full snapshots of the given trials (in the given order) and caches the finished ones.</summary>
    private List<FrozenTrial> LoadTrials(SqliteTransaction tx, IReadOnlyList<long> ids)
    {
        var result = new List<FrozenTrial>(ids.Count);
        for (int start = 0; start < ids.Count; start += Batch)
        {
            var part = ids.Skip(start).Take(Batch).ToList();
            result.AddRange(LoadBatch(tx, part));
        }

        foreach (var t in result)
        {
            if (t.State.IsFinished())
            {
                finished[t.TrialId] = t;
            }
        }

        return result;
    }

    private List<FrozenTrial> LoadBatch(SqliteTransaction tx, List<long> ids)
    {
        var rows = ids.ToDictionary(id => id, _ => new TrialRow());
        string list = string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        foreach (var (id, r) in Query(tx, $"SELECT trial_id, number, state, vals, datetime_start, datetime_complete FROM trials WHERE trial_id IN ({list})"))
        {
            rows[id].Head = r;
        }

        foreach (var (id, r) in Query(tx, $"SELECT trial_id, name, value, distribution FROM trial_params WHERE trial_id IN ({list}) ORDER BY trial_id, seq"))
        {
            var d = ParseDistribution((string)r[3]);
            rows[id].Params[(string)r[1]] = Convert.ToDouble(r[2], CultureInfo.InvariantCulture);
            rows[id].Distributions[(string)r[1]] = d;
        }

        foreach (var (id, r) in Query(tx, $"SELECT trial_id, step, value FROM trial_intermediate WHERE trial_id IN ({list})"))
        {
            rows[id].Intermediate[(long)r[1]] = r[2] is DBNull ? double.NaN : Convert.ToDouble(r[2], CultureInfo.InvariantCulture);
        }

        foreach (var (id, r) in Query(tx, $"SELECT trial_id, kind, key, value FROM trial_attrs WHERE trial_id IN ({list})"))
        {
            ((long)r[1] == 0 ? rows[id].UserAttrs : rows[id].SystemAttrs)[(string)r[2]] = JsonValues.Deserialize((string)r[3]);
        }

        return ids.Where(id => rows[id].Head is not null).Select(id => rows[id].ToFrozen(id)).ToList();
    }

    private IEnumerable<(long Id, object[] Row)> Query(SqliteTransaction tx, string sql)
    {
        using var c = connection.CreateCommand();
        c.Transaction = tx;
        c.CommandText = sql;
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var row = new object[r.FieldCount];
            r.GetValues(row);
            yield return ((long)row[0], row);
        }
    }

    private sealed class TrialRow
    {
        public object[]? Head { get; set; }

        public Dictionary<string, double> Params { get; } = [];

        public Dictionary<string, Distribution> Distributions { get; } = [];

        public SortedDictionary<long, double> Intermediate { get; } = [];

        public Dictionary<string, object?> UserAttrs { get; } = [];

        public Dictionary<string, object?> SystemAttrs { get; } = [];

        public FrozenTrial ToFrozen(long id)
        {
            var h = Head!;
            var values = h[3] is string json ? ((List<object?>)JsonValues.Deserialize(json)!).Select(ToDouble).ToArray() : null;
            return new FrozenTrial
            {
                TrialId = id,
                Number = (int)(long)h[1],
                State = (TrialState)(long)h[2],
                Values = values,
                InternalParams = Params,
                Distributions = Distributions,
                IntermediateValues = Intermediate,
                UserAttrs = UserAttrs,
                SystemAttrs = SystemAttrs,
                DatetimeStart = Time(h[4]),
                DatetimeComplete = Time(h[5]),
            };
        }

        private static double ToDouble(object? v) => v switch
        {
            double d => d,
            long l => l,
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new InvalidDataException($"Invalid stored objective value {v}."),
        };
    }
}
