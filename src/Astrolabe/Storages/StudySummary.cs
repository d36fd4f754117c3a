namespace Astrolabe;

/// <summary>What a storage says about a study without reading its trials in full.</summary>
/// <param name="StudyId">The storage's id of the study.</param>
/// <param name="StudyName">The study's unique name.</param>
/// <param name="Directions">One direction per objective.</param>
/// <param name="TrialCount">How many trials the study has, in any state.</param>
/// <param name="BestValues">The best trial's values for a single-objective study with a Complete trial; otherwise null.</param>
/// <param name="DatetimeStart">When the first trial started, if any did.</param>
public sealed record StudySummary(
    int StudyId,
    string StudyName,
    IReadOnlyList<StudyDirection> Directions,
    int TrialCount,
    IReadOnlyList<double>? BestValues,
    DateTimeOffset? DatetimeStart);
