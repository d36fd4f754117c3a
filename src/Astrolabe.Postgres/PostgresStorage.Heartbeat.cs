namespace Astrolabe;

/// <content>Heartbeats of running trials (on the server's clock), and failing the trials of dead workers.</content>
public sealed partial class PostgresStorage
{
    private const string ServerMilliseconds = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";

    /// <inheritdoc />
    public void RecordHeartbeat(long trialId) =>
        Run(c => Execute(c, null, $"UPDATE astrolabe_trials SET heartbeat = {ServerMilliseconds} WHERE trial_id = $1 AND state = 0", trialId), retry: true);

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> FailStaleTrials(int studyId, TimeSpan gracePeriod)
    {
        if (gracePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(gracePeriod), gracePeriod, "The grace period must be positive.");
        }

        // One statement: a concurrent caller waits on the row locks and then sees the trials finished, so
        // each stale trial is failed (and returned) once.
        const string Sql = $"""
            WITH stale AS (
                UPDATE astrolabe_trials SET state = 3, datetime_complete = $3
                WHERE study_id = $1 AND state = 0 AND heartbeat < {ServerMilliseconds} - $2
                RETURNING trial_id),
            reason AS (
                INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value) SELECT trial_id, 1, $4, $5 FROM stale
                ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value)
            SELECT trial_id FROM stale
            """;
        string reason = JsonValues.Serialize(StorageRules.StaleTrialReason(gracePeriod));
        var ids = Run(c =>
        {
            var list = new List<long>();
            using var cmd = Command(c, null, Sql, studyId, (long)gracePeriod.TotalMilliseconds, Now(), SystemAttrKeys.FailReason, reason);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add(r.GetInt64(0));
            }

            return list;
        }, retry: false);
        foreach (long id in ids)
        {
            Disown(id);
        }

        return ids.Count == 0 ? [] : Run(c => LoadTrials(c, ids), retry: true);
    }
}
