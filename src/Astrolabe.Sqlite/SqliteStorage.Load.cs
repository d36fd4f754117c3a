using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <content>
/// Loading full trial snapshots with <see cref="SqliteTrialLoad"/>: one query per trial table, no sorting in
/// SQL. A few trials, or trials scattered among other studies' (studies run side by side), are read by lists
/// of ids, an index look-up per trial. Most of a study is read by scanning each table for its range of trial
/// ids, which costs a fraction of an index look-up per row: the whole table when the range is at least half
/// of all trial ids, else only the rows written between the range's first and last.
/// </content>
public sealed partial class SqliteStorage
{
    private const int Batch = 400;

    /// <summary>The fewest trials read by a range scan: up to one batch of ids costs one query per table by id.</summary>
    private const int MinRangeLoad = Batch;

    /// <summary>Loads full snapshots of the given trials (in the given order, unknown ids left out) and caches the finished ones.</summary>
    private List<FrozenTrial> LoadTrials(SqliteTransaction tx, List<long> ids)
    {
        var load = NewLoad(ids.Count);
        foreach (var part in ids.Chunk(Batch))
        {
            ForEachRow(tx, $"SELECT {SqliteTrialLoad.TrialColumns} FROM trials WHERE trial_id {In(part)}", load.AddTrial);
        }

        var built = Complete(tx, load).ToDictionary(t => t.TrialId);
        return ids.Where(built.ContainsKey).Select(id => built[id]).ToList();
    }

    private SqliteTrialLoad NewLoad(int expectedTrials) => new(distributions, expectedTrials);

    /// <summary>
    /// Reads the parameters, intermediate values and attributes of the trials of a load and returns their
    /// snapshots in the order they were added, caching the finished ones.
    /// </summary>
    private FrozenTrial[] Complete(SqliteTransaction tx, SqliteTrialLoad load)
    {
        long lo = load.MinTrialId, hi = load.MaxTrialId;
        if (load.Count >= MinRangeLoad && load.Count * 2 >= hi - lo + 1)
        {
            // At least half the ids in the range are the load's: scan each table, keeping the rows of the range
            // (the unary + keeps SQLite from using the trial_id index instead). When the range is less than
            // half of all trial ids, only the rows written between the range's first and last are scanned;
            // finding those costs a pass over the range in the index, worth it only when it skips much.
            const string InRange = "+trial_id BETWEEN @p0 AND @p1";
            long all = (long)Command("SELECT (SELECT MAX(trial_id) FROM trials) - (SELECT MIN(trial_id) FROM trials) + 1", tx).ExecuteScalar()!;
            ReadDetails(tx, load, table => (hi - lo + 1) * 2 >= all ? InRange
                : $"rowid BETWEEN (SELECT MIN(rowid) FROM {table} WHERE trial_id BETWEEN @p0 AND @p1) AND (SELECT MAX(rowid) FROM {table} WHERE trial_id BETWEEN @p0 AND @p1) AND {InRange}",
                lo, hi);
        }
        else
        {
            foreach (var part in load.TrialIds.Chunk(Batch))
            {
                string ids = In(part);
                ReadDetails(tx, load, _ => $"trial_id {ids}");
            }
        }

        var trials = load.Build();
        finished.EnsureCapacity(finished.Count + trials.Length);
        foreach (var t in trials)
        {
            if (t.State.IsFinished())
            {
                finished[t.TrialId] = t;
            }
        }

        return trials;
    }

    /// <summary>
    /// Reads the rows of the three detail tables that match <paramref name="where"/> (a condition for the
    /// named table, on @p0, @p1 … bound to <paramref name="args"/>) into the load, which skips rows of trials
    /// it does not hold.
    /// </summary>
    private static void ReadDetails(SqliteTransaction tx, SqliteTrialLoad load, Func<string, string> where, params long[] args)
    {
        ForEachRow(tx, $"SELECT {SqliteTrialLoad.ParamColumns} FROM trial_params WHERE {where("trial_params")}", load.AddParam, args);
        ForEachRow(tx, $"SELECT {SqliteTrialLoad.StepColumns} FROM trial_intermediate WHERE {where("trial_intermediate")}", load.AddStep, args);
        ForEachRow(tx, $"SELECT {SqliteTrialLoad.AttrColumns} FROM trial_attrs WHERE {where("trial_attrs")}", load.AddAttr, args);
    }

    /// <summary>
    /// Runs a query in the transaction, with @p0, @p1 … bound to <paramref name="args"/>, and hands each
    /// row to <paramref name="read"/>.
    /// </summary>
    private static void ForEachRow(SqliteTransaction tx, string sql, Action<SqliteRows> read, params long[] args)
    {
        using var rows = new SqliteRows(tx, sql, args);
        while (rows.Read())
        {
            read(rows);
        }
    }

    private static string In(long[] ids) => $"IN ({string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";
}
