namespace Astrolabe;

/// <summary>
/// A storage that can tell live workers from dead ones: a worker records a heartbeat for each trial it
/// runs, and any worker can fail the Running trials whose last heartbeat is older than a grace period
/// (the process running them was killed, or its machine was lost). Implemented by the storages that many
/// processes share (SQLite, PostgreSQL). Trials that never received a heartbeat are never failed, so
/// workers that do not send heartbeats can share a study with workers that do.
/// </summary>
public interface IHeartbeatStorage
{
    /// <summary>
    /// <see cref="IStorage.CreateTrial"/> with a first heartbeat recorded in the same atomic step, so that a
    /// worker killed right after creating a trial still leaves a trial that will be failed.
    /// </summary>
    FrozenTrial CreateTrialWithHeartbeat(int studyId, FrozenTrial? template = null);

    /// <summary><see cref="IStorage.ClaimWaitingTrial"/> with a first heartbeat recorded in the same atomic step.</summary>
    FrozenTrial? ClaimWaitingTrialWithHeartbeat(int studyId);

    /// <summary><see cref="IStorage.ClaimOrCreateTrial"/> with a first heartbeat recorded in the same atomic step.</summary>
    FrozenTrial ClaimOrCreateTrialWithHeartbeat(int studyId) => ClaimWaitingTrialWithHeartbeat(studyId) ?? CreateTrialWithHeartbeat(studyId);

    /// <summary>Records that the worker running this trial is alive; does nothing once the trial is finished.</summary>
    void RecordHeartbeat(long trialId);

    /// <summary>
    /// Atomically moves every Running trial of the study whose last heartbeat is older than
    /// <paramref name="gracePeriod"/> to Fail, with a <see cref="SystemAttrKeys.FailReason"/> saying that its
    /// worker stopped sending heartbeats, and returns the trials this call failed (each stale trial is
    /// returned to exactly one caller).
    /// </summary>
    IReadOnlyList<FrozenTrial> FailStaleTrials(int studyId, TimeSpan gracePeriod);
}
