namespace Astrolabe;

/// <summary>
/// A callback for <see cref="OptimizeOptions.Callback"/> (Optuna's <c>MaxTrialsCallback</c>) that stops the study once
/// it holds <see cref="NTrials"/> trials in the chosen states. The trials are counted through the study's storage, so
/// every worker (thread, process or machine) that shares the storage and uses such a callback stops when the study as
/// a whole reaches the count, however many trials each worker ran. Workers stop starting new trials; the trials
/// running at that moment finish, so the study may end a few trials above the count (one per other worker at most).
/// Use it as <c>callback: new MaxTrialsCallback(100).Invoke</c>.
/// </summary>
public sealed class MaxTrialsCallback
{
    private readonly TrialState[] states;

    /// <summary>
    /// Stops once the study has <paramref name="nTrials"/> trials in <paramref name="states"/>: Complete only when none
    /// are given (Optuna's default). Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="nTrials"/> is
    /// not positive.
    /// </summary>
    public MaxTrialsCallback(int nTrials, params IReadOnlyCollection<TrialState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (nTrials <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nTrials), nTrials, "The number of trials must be positive.");
        }

        NTrials = nTrials;
        this.states = states.Count == 0 ? [TrialState.Complete] : [.. states.Distinct()];
    }

    /// <summary>How many trials in <see cref="States"/> the study may hold before it stops.</summary>
    public int NTrials { get; }

    /// <summary>The states whose trials count.</summary>
    public IReadOnlyList<TrialState> States => states;

    /// <summary>Stops <paramref name="study"/> (see <see cref="Study.Stop"/>) when its storage holds enough trials in the chosen states.</summary>
    public void Invoke(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (study.Storage.GetTrialCount(study.StudyId, states) >= NTrials)
        {
            study.Stop();
        }
    }
}
