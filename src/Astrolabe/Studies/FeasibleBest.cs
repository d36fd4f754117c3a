namespace Astrolabe;

/// <summary>
/// The best feasible Complete trial of a single-objective study. The storage's best trial (an index look-up in the
/// database storages) is returned when it is feasible, which it always is in a study without constraints; otherwise
/// the Complete trials are scanned for the best feasible one.
/// </summary>
public static class FeasibleBest
{
    /// <summary>
    /// The best feasible Complete trial; throws <see cref="InvalidOperationException"/> for a study with several
    /// objectives, without Complete trials, or whose Complete trials all violate their constraints.
    /// </summary>
    public static FrozenTrial Of(IStudyReader storage, int studyId, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var best = storage.GetBestTrial(studyId);
        if (best.IsFeasible)
        {
            return best;
        }

        FrozenTrial? found = null;
        foreach (var trial in storage.GetAllTrials(studyId, [TrialState.Complete]))
        {
            if (trial.IsFeasible && trial.Values is [var value]
                && (found is null || StorageRules.IsBetter(value, found.Values![0], direction)))
            {
                found = trial;
            }
        }

        return found ?? throw new InvalidOperationException("No Complete trial is feasible: every one violates a constraint (a value above 0).");
    }
}
