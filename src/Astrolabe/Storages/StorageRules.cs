namespace Astrolabe;

/// <summary>
/// The life-cycle and ordering rules every <see cref="IStorage"/> enforces, in one place so that
/// implementations agree. For storage implementers; users need not call it.
/// </summary>
public static class StorageRules
{
    /// <summary>The start of the fail reason of a trial failed by <see cref="IHeartbeatStorage.FailStaleTrials"/>.</summary>
    public const string StaleTrialFailReason = "The worker running this trial stopped sending heartbeats";

    /// <summary>The full fail reason of a stale trial, naming the grace period.</summary>
    public static string StaleTrialReason(TimeSpan gracePeriod) =>
        $"{StaleTrialFailReason} for longer than the grace period of {gracePeriod.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (it was killed or lost).";

    /// <summary>True when a trial in state <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(TrialState from, TrialState to) => from switch
    {
        TrialState.Waiting => to != TrialState.Waiting,
        TrialState.Running => to != TrialState.Running && to != TrialState.Waiting,
        _ => false,
    };

    /// <summary>Throws when a trial may no longer be written to.</summary>
    public static void EnsureUpdatable(long trialId, int number, TrialState state)
    {
        if (state.IsFinished())
        {
            throw new InvalidOperationException($"Trial {number} (id {trialId}) is already finished ({state}); it cannot be updated.");
        }
    }

    /// <summary>
    /// Checks values given with a state change: Complete needs one value per direction, and no value is
    /// NaN (a NaN objective fails its trial, without values). ±∞ are values like any other.
    /// Throws <see cref="ArgumentException"/> before anything is written.
    /// </summary>
    public static void ValidateValues(TrialState state, IReadOnlyList<double>? values, int directionCount)
    {
        if (state == TrialState.Complete && values is null)
        {
            throw new ArgumentException("A Complete trial needs objective values.");
        }

        if (values is null)
        {
            return;
        }

        if (values.Count != directionCount)
        {
            throw new ArgumentException($"The study has {directionCount} objective(s) but {values.Count} value(s) were given.");
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentException($"Objective value {i} of the {state} trial is NaN; a storage keeps no NaN objective value (a trial whose objective is NaN fails, without values).");
            }
        }
    }

    /// <summary>
    /// Checks a trial given whole to <see cref="IStorage.CreateTrial"/>: its values as
    /// <see cref="ValidateValues"/> does, and every parameter has a distribution that contains its value.
    /// Throws <see cref="ArgumentException"/> before anything is written.
    /// </summary>
    public static void ValidateTemplate(FrozenTrial template, int directionCount)
    {
        ArgumentNullException.ThrowIfNull(template);
        ValidateValues(template.State, template.Values, directionCount);
        foreach (var (name, value) in template.InternalParams)
        {
            if (!template.Distributions.TryGetValue(name, out var distribution))
            {
                throw new ArgumentException($"Parameter '{name}' has no distribution.");
            }

            if (!distribution.Contains(value))
            {
                throw new ArgumentException($"The value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} of parameter '{name}' lies outside {distribution}.");
            }
        }
    }

    /// <summary>Whether value <paramref name="a"/> is better than <paramref name="b"/> in a direction.</summary>
    public static bool IsBetter(double a, double b, StudyDirection direction) =>
        direction == StudyDirection.Minimize ? a < b : a > b;

    /// <summary>Validates a study name: non-empty, at most 512 characters.</summary>
    public static void ValidateStudyName(string studyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyName);
        if (studyName.Length > 512)
        {
            throw new ArgumentException($"A study name may have at most 512 characters, got {studyName.Length}.");
        }
    }

    /// <summary>Validates the directions of a new study: at least one.</summary>
    public static void ValidateDirections(IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one direction.");
        }

        foreach (var d in directions)
        {
            if (!Enum.IsDefined(d))
            {
                throw new ArgumentException($"Unknown study direction {(int)d}.");
            }
        }
    }
}
