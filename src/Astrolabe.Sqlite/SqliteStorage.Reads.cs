using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <content>Reading trials, with the cache of finished ones.</content>
public sealed partial class SqliteStorage
{
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
            if (KnownRunning(tx, trialId) is { } known)
            {
                return known;
            }

            var list = LoadTrials(tx, [trialId]);
            if (list.Count != 1)
            {
                throw new KeyNotFoundException($"No trial with id {trialId} exists in '{Source}'.");
            }

            if (!list[0].State.IsFinished())
            {
                running[trialId] = list[0];
            }

            return list[0];
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null) => Read(tx =>
    {
        Directions(tx, studyId);
        int count = (int)(long)Command("SELECT COUNT(*) FROM trials WHERE study_id = @p0", tx, studyId).ExecuteScalar()!;
        var ids = new List<long>(count);
        var load = NewLoad(count);
        ForEachRow(tx, $"SELECT {SqliteTrialLoad.TrialColumns} FROM trials WHERE study_id = @p0 ORDER BY number", r =>
        {
            long id = r.Int64(0);
            if (states is null || states.Contains((TrialState)r.Int64(2)))
            {
                ids.Add(id);
                if (!finished.ContainsKey(id))
                {
                    load.AddTrial(r);
                }
            }
        }, studyId);

        // The loaded trials come back in number order too: merge them with the cached ones.
        var loaded = Complete(tx, load);
        var result = new List<FrozenTrial>(ids.Count);
        int next = 0;
        foreach (long id in ids)
        {
            result.Add(next < loaded.Length && loaded[next].TrialId == id ? loaded[next++] : finished[id]);
        }

        return result;
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

    /// <summary>
    /// The snapshot of a trial that is not finished as this storage last read or wrote it, while no other
    /// connection has committed since (SQLite's data_version tells); null when it must be read again.
    /// </summary>
    private FrozenTrial? KnownRunning(SqliteTransaction tx, long trialId)
    {
        long version = (long)Command("PRAGMA data_version", tx).ExecuteScalar()!;
        if (version != dataVersion)
        {
            running.Clear();
            dataVersion = version;
            return null;
        }

        return running.GetValueOrDefault(trialId);
    }

    private long? BestTrialId(SqliteTransaction tx, int studyId, StudyDirection direction) =>
        Command(direction == StudyDirection.Minimize
            ? $"SELECT trial_id FROM trials WHERE study_id = @p0 AND state = {SqlCodes.Complete} ORDER BY value0 ASC, number ASC LIMIT 1"
            : $"SELECT trial_id FROM trials WHERE study_id = @p0 AND state = {SqlCodes.Complete} ORDER BY value0 DESC, number ASC LIMIT 1", tx, studyId).ExecuteScalar() as long?;
}
