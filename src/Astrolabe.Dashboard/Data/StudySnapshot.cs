namespace Astrolabe.Dashboard;

/// <summary>
/// A study as read at one moment: its directions and every trial in number order. All plots and the trial
/// table are computed from a snapshot, never from the live storage, so one page shows one consistent state.
/// </summary>
/// <param name="StudyId">The storage's id of the study.</param>
/// <param name="StudyName">The study's name.</param>
/// <param name="Directions">One direction per objective.</param>
/// <param name="Trials">Every trial, in number order.</param>
/// <param name="Version">Changes whenever a trial is added or changes state (a cheap fingerprint for live updates).</param>
public sealed record StudySnapshot(
    int StudyId,
    string StudyName,
    IReadOnlyList<StudyDirection> Directions,
    IReadOnlyList<FrozenTrial> Trials,
    string Version)
{
    /// <summary>Reads a snapshot of a study from any storage (or reader of one).</summary>
    public static StudySnapshot Read(IStudyReader storage, int studyId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var trials = storage.GetAllTrials(studyId);
        return new StudySnapshot(studyId, storage.GetStudyName(studyId), storage.GetStudyDirections(studyId), trials, Fingerprint(trials));
    }

    /// <summary>Reads a snapshot of the study with this name; throws <see cref="StudyNotFoundException"/> when there is none.</summary>
    public static StudySnapshot Read(IStudyReader storage, string studyName)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return Read(storage, storage.GetStudyId(studyName));
    }

    /// <summary>Builds a snapshot from trials already in memory.</summary>
    public static StudySnapshot Of(string studyName, IReadOnlyList<StudyDirection> directions, IReadOnlyList<FrozenTrial> trials) =>
        new(0, studyName, directions, trials, Fingerprint(trials));

    /// <summary>True when the study has more than one objective.</summary>
    public bool IsMultiObjective => Directions.Count > 1;

    private IReadOnlyList<string>? paramNames;

    /// <summary>The parameter names seen in any trial, in first-seen order (computed once per snapshot).</summary>
    public IReadOnlyList<string> ParamNames() => paramNames ??= ComputeParamNames();

    private List<string> ComputeParamNames()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var t in Trials)
        {
            foreach (var name in t.Distributions.Keys)
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>The distribution of a parameter as the last trial that used it had it.</summary>
    public Distribution? DistributionOf(string name)
    {
        for (int i = Trials.Count - 1; i >= 0; i--)
        {
            if (Trials[i].Distributions.TryGetValue(name, out var d))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>Counts of trials per state.</summary>
    public IReadOnlyDictionary<TrialState, int> StateCounts()
    {
        var counts = Enum.GetValues<TrialState>().ToDictionary(s => s, _ => 0);
        foreach (var t in Trials)
        {
            counts[t.State]++;
        }

        return counts;
    }

    /// <summary>This snapshot with some trials replaced by newer snapshots of themselves (same numbers).</summary>
    internal StudySnapshot WithUpdated(IReadOnlyList<FrozenTrial> updated)
    {
        var trials = Trials.ToArray();
        foreach (var t in updated)
        {
            int i = t.Number < trials.Length && trials[t.Number].Number == t.Number ? t.Number : Array.FindIndex(trials, x => x.Number == t.Number);
            trials[i] = t;
        }

        return this with { Trials = trials, Version = Fingerprint(trials), paramNames = null };
    }

    private static string Fingerprint(IReadOnlyList<FrozenTrial> trials)
    {
        int unfinished = 0;
        long stamp = 0;
        foreach (var t in trials)
        {
            if (!t.State.IsFinished())
            {
                unfinished++;
                stamp = (stamp * 31) + t.IntermediateValues.Count + ((long)t.State << 40);
            }
        }

        int finished = trials.Count - unfinished;
        return $"{trials.Count}-{finished}-{stamp & 0xFFFFFFFF:x}";
    }
}
