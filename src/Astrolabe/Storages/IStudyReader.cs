namespace Astrolabe;

/// <summary>
/// Reads studies and trials from a storage, and nothing else: what the commands that only look at studies and the
/// dashboard need. Every <see cref="IStorage"/> is one; a reader that is not a storage cannot change a study.
/// Safe to call from many threads; returns immutable snapshots. Errors: an unknown study name throws
/// <see cref="StudyNotFoundException"/>.
/// </summary>
public interface IStudyReader
{
    /// <summary>The id of the study with this name.</summary>
    int GetStudyId(string studyName);

    /// <summary>The name of a study.</summary>
    string GetStudyName(int studyId);

    /// <summary>The optimisation directions of a study, one per objective.</summary>
    IReadOnlyList<StudyDirection> GetStudyDirections(int studyId);

    /// <summary>A summary of every study, in creation order.</summary>
    IReadOnlyList<StudySummary> GetAllStudies();

    /// <summary>The user attributes of a study.</summary>
    IReadOnlyDictionary<string, object?> GetStudyUserAttrs(int studyId);

    /// <summary>The system attributes of a study.</summary>
    IReadOnlyDictionary<string, object?> GetStudySystemAttrs(int studyId);

    /// <summary>A snapshot of one trial; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    FrozenTrial GetTrial(long trialId);

    /// <summary>Snapshots of a study's trials in number order, optionally only those in <paramref name="states"/>.</summary>
    IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null);

    /// <summary>How many trials a study has, optionally only those in <paramref name="states"/>.</summary>
    int GetTrialCount(int studyId, IReadOnlyCollection<TrialState>? states = null);

    /// <summary>The best Complete trial of a single-objective study; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    FrozenTrial GetBestTrial(int studyId);
}
