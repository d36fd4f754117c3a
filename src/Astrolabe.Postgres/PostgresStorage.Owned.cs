using System.Collections.Concurrent;

namespace Astrolabe;

/// <content>
/// The Running trials this storage created or claimed. Their snapshots are kept up to date as this storage
/// writes them, so the worker running a trial reads it (to prune, to finish it) without a round trip, and
/// finishing it needs only the conditional update. Writes to such a trial through another storage or
/// process are not seen by <see cref="GetTrial"/> here until the trial is finished; a trial this storage
/// fails to update (another worker finished it) is dropped from the set and read from the database again.
/// </content>
public sealed partial class PostgresStorage
{
    private readonly ConcurrentDictionary<long, FrozenTrial> owned = new();

    private FrozenTrial Own(FrozenTrial trial)
    {
        if (trial.State == TrialState.Running)
        {
            owned[trial.TrialId] = trial;
        }

        return trial;
    }

    /// <summary>Applies a write this storage made to its snapshot of the trial, if it holds one.</summary>
    private void UpdateOwned(long trialId, Func<FrozenTrial, FrozenTrial> change)
    {
        if (owned.TryGetValue(trialId, out var trial) && !owned.TryUpdate(trialId, change(trial), trial))
        {
            // Changed meanwhile by another thread: read the trial from the database from now on.
            owned.TryRemove(trialId, out _);
        }
    }

    private void Disown(long trialId) => owned.TryRemove(trialId, out _);

    private static FrozenTrial WithParam(FrozenTrial t, string name, double value, Distribution distribution) => t with
    {
        InternalParams = new Dictionary<string, double>(t.InternalParams) { [name] = value },
        Distributions = new Dictionary<string, Distribution>(t.Distributions) { [name] = distribution },
    };

    private static FrozenTrial WithAttr(FrozenTrial t, int kind, string key, object? value) => kind == StoredAttrs.User
        ? t with { UserAttrs = new Dictionary<string, object?>(t.UserAttrs) { [key] = value } }
        : t with { SystemAttrs = new Dictionary<string, object?>(t.SystemAttrs) { [key] = value } };
}
