namespace Astrolabe.Dashboard;

/// <summary>
/// A view of a storage that only reads: an <see cref="IStudyReader"/> that is not an <see cref="IStorage"/>, so
/// the storage behind it cannot be written through it, not even by a cast. The dashboard reads through it.
/// </summary>
public sealed class ReadOnlyStorage : IStudyReader
{
    private readonly IStudyReader inner;

    /// <summary>Wraps a storage (or any reader).</summary>
    public ReadOnlyStorage(IStudyReader inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        this.inner = inner;
    }

    /// <inheritdoc />
    public int GetStudyId(string studyName) => inner.GetStudyId(studyName);

    /// <inheritdoc />
    public string GetStudyName(int studyId) => inner.GetStudyName(studyId);

    /// <inheritdoc />
    public IReadOnlyList<StudyDirection> GetStudyDirections(int studyId) => inner.GetStudyDirections(studyId);

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> GetAllStudies() => inner.GetAllStudies();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudyUserAttrs(int studyId) => inner.GetStudyUserAttrs(studyId);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudySystemAttrs(int studyId) => inner.GetStudySystemAttrs(studyId);

    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId) => inner.GetTrial(trialId);

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null) => inner.GetAllTrials(studyId, states);

    /// <inheritdoc />
    public int GetTrialCount(int studyId, IReadOnlyCollection<TrialState>? states = null) => inner.GetTrialCount(studyId, states);

    /// <inheritdoc />
    public FrozenTrial GetBestTrial(int studyId) => inner.GetBestTrial(studyId);
}
