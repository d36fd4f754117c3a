namespace Astrolabe;

/// <content>Heartbeats of running trials, and failing the trials of dead workers.</content>
public sealed partial class SqliteStorage : IHeartbeatStorage
{
    /// <inheritdoc />
    public FrozenTrial CreateTrialWithHeartbeat(int studyId, FrozenTrial? template = null) => CreateTrial(studyId, template, heartbeat: true);

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrialWithHeartbeat(int studyId) => ClaimWaitingTrial(studyId, heartbeat: true);

    /// <inheritdoc />
    public void RecordHeartbeat(long trialId) => Write(tx =>
        Command($"UPDATE trials SET heartbeat = @p1 WHERE trial_id = @p0 AND state = {SqlCodes.Running}", tx, trialId, Now()).ExecuteNonQuery());

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> FailStaleTrials(int studyId, TimeSpan gracePeriod)
    {
        if (gracePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(gracePeriod), gracePeriod, "The grace period must be positive.");
        }

        EnsureWritable();
        const string StaleSql = $"SELECT trial_id FROM trials WHERE study_id = @p0 AND state = {SqlCodes.Running} AND heartbeat < @p1";
        long cutoff = Now() - (long)gracePeriod.TotalMilliseconds;

        // A cheap read first: nearly always nothing is stale, and then no write lock is taken.
        if (Read(tx => Command(StaleSql, tx, studyId, cutoff).ExecuteScalar()) is null)
        {
            return [];
        }

        string reason = JsonValues.Serialize(StorageRules.StaleTrialReason(gracePeriod));
        return Write(tx =>
        {
            var ids = new List<long>();
            using (var r = Command(StaleSql, tx, studyId, cutoff).ExecuteReader())
            {
                while (r.Read())
                {
                    ids.Add(r.GetInt64(0));
                }
            }

            long now = Now();
            foreach (long id in ids)
            {
                Command($"INSERT INTO trial_attrs(trial_id, kind, key, value) VALUES(@p0, {SqlCodes.SystemAttr}, @p1, @p2) ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value",
                    tx, id, SystemAttrKeys.FailReason, reason).ExecuteNonQuery();
                Command($"UPDATE trials SET state = {SqlCodes.Fail}, datetime_complete = @p1 WHERE trial_id = @p0", tx, id, now).ExecuteNonQuery();
                running.Remove(id);
            }

            return (IReadOnlyList<FrozenTrial>)LoadTrials(tx, ids);
        });
    }
}
