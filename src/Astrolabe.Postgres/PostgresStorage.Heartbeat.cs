namespace Astrolabe;

/// <content>Heartbeats of running trials (on the server's clock), and failing the trials of dead workers.</content>
public sealed partial class PostgresStorage
{
    private const string ServerMilliseconds = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";

    /// <inheritdoc />
    public void RecordHeartbeat(long trialId)
    {
        EnsureWritable();
        Run(c => Execute(c, null, $"UPDATE astrolabe_trials SET heartbeat = {ServerMilliseconds} WHERE trial_id = $1 AND state = {SqlCodes.Running}", trialId));
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> FailStaleTrials(int studyId, TimeSpan gracePeriod)
    {
        if (gracePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(gracePeriod), gracePeriod, "The grace period must be positive.");
        }

        EnsureWritable();

        // A cheap read first: nearly always nothing is stale, and then nothing is written. Then one statement
        // in a transaction (so that a lost answer to its commit is resolved, not repeated): a concurrent caller
        // waits on the row locks and then sees the trials finished, so each stale trial is failed (and
        // returned) once.
        const string StaleSql = $"SELECT EXISTS (SELECT 1 FROM astrolabe_trials WHERE study_id = $1 AND state = {SqlCodes.Running} AND heartbeat < {ServerMilliseconds} - $2)";
        long grace = (long)gracePeriod.TotalMilliseconds;
        if (Run(c => Scalar(c, null, StaleSql, studyId, grace)) is not true)
        {
            return [];
        }

        const string Sql = $"""
            WITH stale AS (
                UPDATE astrolabe_trials SET state = {SqlCodes.Fail}, datetime_complete = $3
                WHERE study_id = $1 AND state = {SqlCodes.Running} AND heartbeat < {ServerMilliseconds} - $2
                RETURNING trial_id),
            reason AS (
                INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value) SELECT trial_id, {SqlCodes.SystemAttr}, $4, $5 FROM stale
                ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value)
            SELECT trial_id, txid_current() FROM stale
            """;
        string reason = JsonValues.Serialize(StorageRules.StaleTrialReason(gracePeriod));
        long now = Now();
        var ids = Write((c, tx) =>
        {
            var list = new List<long>();
            long? xid = null;
            using var cmd = Command(c, tx, Sql, studyId, grace, now, SystemAttrKeys.FailReason, reason);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add(r.GetInt64(0));
                xid = r.GetInt64(1);
            }

            return (list, xid);
        });
        foreach (long id in ids)
        {
            Disown(id);
        }

        return ids.Count == 0 ? [] : Run(c => LoadTrials(c, ids));
    }
}
