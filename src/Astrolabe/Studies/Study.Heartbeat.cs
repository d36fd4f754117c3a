using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <content>Failing the trials of workers that died (see <see cref="StudyOptions.HeartbeatInterval"/>).</content>
public sealed partial class Study
{
    /// <summary>
    /// Marks Fail the Running trials whose workers stopped sending heartbeats for longer than the grace
    /// period, calls <see cref="StudyOptions.FailedTrialCallback"/> for each, and returns them. <c>Optimize</c>
    /// calls it before each new trial; it does nothing (and returns no trial) when heartbeats are off or the
    /// storage does not implement <see cref="IHeartbeatStorage"/>.
    /// </summary>
    public IReadOnlyList<FrozenTrial> FailStaleTrials()
    {
        if (Heartbeat is not { } settings || Storage is not IHeartbeatStorage beats)
        {
            return [];
        }

        var failed = beats.FailStaleTrials(StudyId, settings.GracePeriod);
        foreach (var trial in failed)
        {
            Logger.LogWarning("Trial {Number} failed: its worker stopped sending heartbeats.", trial.Number);
            settings.FailedTrialCallback?.Invoke(this, trial);
        }

        return failed;
    }

    /// <summary>The trial's snapshot when another worker failed it as stale; null otherwise.</summary>
    private FrozenTrial? FailedAsStale(long trialId)
    {
        var current = Storage.GetTrial(trialId);
        return current.State == TrialState.Fail
            && current.SystemAttrs.TryGetValue(SystemAttrKeys.FailReason, out var reason)
            && reason is string text && text.StartsWith(StorageRules.StaleTrialFailReason, StringComparison.Ordinal)
            ? current
            : null;
    }
}
