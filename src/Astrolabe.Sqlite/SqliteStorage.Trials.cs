using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Astrolabe;

/// <content>Trial creation and updates.</content>
public sealed partial class SqliteStorage
{
    private const string TrialStateSql = "SELECT state, number FROM trials WHERE trial_id = @p0";

    /// <inheritdoc />
    public FrozenTrial CreateTrial(int studyId, FrozenTrial? template = null) => CreateTrial(studyId, template, heartbeat: false);

    private FrozenTrial CreateTrial(int studyId, FrozenTrial? template, bool heartbeat)
    {
        var state = template?.State ?? TrialState.Running;
        return Write(tx =>
        {
            var dirs = Directions(tx, studyId);
            if (template is not null)
            {
                StorageRules.ValidateTemplate(template, dirs.Length);
            }

            long number = (long)Command("SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = @p0", tx, studyId).ExecuteScalar()!;
            long now = Now();
            long? start = state == TrialState.Waiting ? null : template?.DatetimeStart?.ToUnixTimeMilliseconds() ?? now;
            long? complete = state.IsFinished() ? template?.DatetimeComplete?.ToUnixTimeMilliseconds() ?? now : null;
            var values = template?.Values;
            long id = (long)Command(
                "INSERT INTO trials(study_id, number, state, value0, vals, datetime_start, datetime_complete, heartbeat) VALUES(@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7) RETURNING trial_id",
                tx, studyId, number, (int)state, values?[0], values is null ? null : ValuesJson(values), start, complete, heartbeat && state == TrialState.Running ? now : null).ExecuteScalar()!;
            if (template is not null)
            {
                int seq = 0;
                foreach (var (name, value) in template.InternalParams)
                {
                    InsertParam(tx, id, seq++, name, value, template.Distributions[name]);
                }

                foreach (var (step, value) in template.IntermediateValues)
                {
                    Command("INSERT INTO trial_intermediate(trial_id, step, value) VALUES(@p0, @p1, @p2)", tx, id, step, Real(value)).ExecuteNonQuery();
                }

                InsertAttrs(tx, id, StoredAttrs.User, template.UserAttrs);
                InsertAttrs(tx, id, StoredAttrs.System, template.SystemAttrs);
            }

            return LoadTrials(tx, [id])[0];
        });
    }

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrial(int studyId) => ClaimWaitingTrial(studyId, heartbeat: false);

    private FrozenTrial? ClaimWaitingTrial(int studyId, bool heartbeat)
    {
        const string FindSql = $"SELECT trial_id FROM trials WHERE study_id = @p0 AND state = {SqlCodes.Waiting} ORDER BY number LIMIT 1";
        EnsureWritable();
        if (Read(tx => Command(FindSql, tx, studyId).ExecuteScalar()) is null)
        {
            return null;
        }

        return Write(tx =>
        {
            if (Command(FindSql, tx, studyId).ExecuteScalar() is not long id)
            {
                return null;
            }

            long now = Now();
            Command($"UPDATE trials SET state = {SqlCodes.Running}, datetime_start = @p1, heartbeat = @p2 WHERE trial_id = @p0", tx, id, now, heartbeat ? now : null).ExecuteNonQuery();
            running.Remove(id);
            return LoadTrials(tx, [id])[0];
        });
    }

    /// <inheritdoc />
    public void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException($"The value {internalValue} of parameter '{name}' lies outside {distribution}.");
        }

        Write(tx =>
        {
            EnsureUpdatable(tx, trialId);
            long seq = (long)Command("SELECT COUNT(*) FROM trial_params WHERE trial_id = @p0", tx, trialId).ExecuteScalar()!;
            InsertParam(tx, trialId, (int)seq, name, internalValue, distribution);
            running.Remove(trialId);
            return 0;
        });
    }

    /// <inheritdoc />
    public bool SetTrialStateValues(long trialId, TrialState state, IReadOnlyList<double>? values = null) => Write(tx =>
    {
        var (current, _) = ReadState(tx, trialId);
        int studyId = Convert.ToInt32(Command("SELECT study_id FROM trials WHERE trial_id = @p0", tx, trialId).ExecuteScalar(), CultureInfo.InvariantCulture);
        StorageRules.ValidateValues(state, values, Directions(tx, studyId).Length);
        if (!StorageRules.CanMove(current, state))
        {
            return false;
        }

        long now = Now();
        Command(
            "UPDATE trials SET state = @p1, value0 = COALESCE(@p2, value0), vals = COALESCE(@p3, vals), datetime_start = COALESCE(datetime_start, @p4), datetime_complete = @p5 WHERE trial_id = @p0",
            tx, trialId, (int)state, values?[0], values is null ? null : ValuesJson(values), now, state.IsFinished() ? now : null).ExecuteNonQuery();
        running.Remove(trialId);
        return true;
    });

    /// <inheritdoc />
    public void SetTrialIntermediateValue(long trialId, long step, double value) => Write(tx =>
    {
        EnsureUpdatable(tx, trialId);
        Command("INSERT INTO trial_intermediate(trial_id, step, value) VALUES(@p0, @p1, @p2) ON CONFLICT(trial_id, step) DO UPDATE SET value = excluded.value",
            tx, trialId, step, Real(value)).ExecuteNonQuery();

        // The known snapshot takes the value as it is written: a pruner reading the trial next reads no history.
        if (running.TryGetValue(trialId, out var known))
        {
            running[trialId] = known.WithIntermediateValue(step, value);
        }

        return 0;
    });

    /// <inheritdoc />
    private protected override void WriteTrialAttr(long trialId, int kind, string key, string json) =>
        Write(tx =>
        {
            EnsureUpdatable(tx, trialId);
            running.Remove(trialId);
            return Command("INSERT INTO trial_attrs(trial_id, kind, key, value) VALUES(@p0, @p1, @p2, @p3) ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value",
                tx, trialId, kind, key, json).ExecuteNonQuery();
        });

    private void InsertParam(SqliteTransaction tx, long trialId, int seq, string name, double value, Distribution distribution) =>
        Command("""
            INSERT INTO trial_params(trial_id, seq, name, value, distribution) VALUES(@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT(trial_id, name) DO UPDATE SET value = excluded.value, distribution = excluded.distribution
            """,
            tx, trialId, seq, name, value, DistributionJson.Serialize(distribution)).ExecuteNonQuery();

    private void InsertAttrs(SqliteTransaction tx, long trialId, int kind, IReadOnlyDictionary<string, object?> attrs)
    {
        foreach (var (key, value) in attrs)
        {
            Command("INSERT INTO trial_attrs(trial_id, kind, key, value) VALUES(@p0, @p1, @p2, @p3)", tx, trialId, kind, key, JsonValues.Serialize(value)).ExecuteNonQuery();
        }
    }

    private void EnsureUpdatable(SqliteTransaction tx, long trialId)
    {
        var (state, number) = ReadState(tx, trialId);
        StorageRules.EnsureUpdatable(trialId, number, state);
    }

    private (TrialState State, int Number) ReadState(SqliteTransaction tx, long trialId)
    {
        using var r = Command(TrialStateSql, tx, trialId).ExecuteReader();
        return r.Read() ? ((TrialState)r.GetInt64(0), (int)r.GetInt64(1)) : throw new KeyNotFoundException($"No trial with id {trialId} exists in '{Source}'.");
    }

    private static string ValuesJson(IReadOnlyList<double> values) => JsonValues.Serialize(values);

    private static double? Real(double value) => double.IsNaN(value) ? null : value;
}
