namespace Astrolabe.Dashboard;

/// <summary>
/// A view of a storage that only reads: every call that would change a study or a trial throws
/// <see cref="InvalidOperationException"/>. The dashboard reads through it, so it cannot write to a study
/// even by mistake.
/// </summary>
public sealed class ReadOnlyStorage : IStorage
{
    private readonly IStorage inner;

    /// <summary>Wraps a storage.</summary>
    public ReadOnlyStorage(IStorage inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        this.inner = inner;
    }

    /// <inheritdoc />
    public int CreateStudy(string studyName, IReadOnlyList<StudyDirection> directions) => throw Denied(nameof(CreateStudy));

    /// <inheritdoc />
    public void DeleteStudy(int studyId) => throw Denied(nameof(DeleteStudy));

    /// <inheritdoc />
    public int GetStudyId(string studyName) => inner.GetStudyId(studyName);

    /// <inheritdoc />
    public string GetStudyName(int studyId) => inner.GetStudyName(studyId);

    /// <inheritdoc />
    public IReadOnlyList<StudyDirection> GetStudyDirections(int studyId) => inner.GetStudyDirections(studyId);

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> GetAllStudies() => inner.GetAllStudies();

    /// <inheritdoc />
    public void SetStudyUserAttr(int studyId, string key, object? value) => throw Denied(nameof(SetStudyUserAttr));

    /// <inheritdoc />
    public void SetStudySystemAttr(int studyId, string key, object? value) => throw Denied(nameof(SetStudySystemAttr));

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudyUserAttrs(int studyId) => inner.GetStudyUserAttrs(studyId);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudySystemAttrs(int studyId) => inner.GetStudySystemAttrs(studyId);

    /// <inheritdoc />
    public long NextCounterValue(int studyId, string key) => throw Denied(nameof(NextCounterValue));

    /// <inheritdoc />
    public FrozenTrial CreateTrial(int studyId, FrozenTrial? template = null) => throw Denied(nameof(CreateTrial));

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrial(int studyId) => throw Denied(nameof(ClaimWaitingTrial));

    /// <inheritdoc />
    public void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution) => throw Denied(nameof(SetTrialParam));

    /// <inheritdoc />
    public bool SetTrialStateValues(long trialId, TrialState state, IReadOnlyList<double>? values = null) => throw Denied(nameof(SetTrialStateValues));

    /// <inheritdoc />
    public void SetTrialIntermediateValue(long trialId, long step, double value) => throw Denied(nameof(SetTrialIntermediateValue));

    /// <inheritdoc />
    public void SetTrialUserAttr(long trialId, string key, object? value) => throw Denied(nameof(SetTrialUserAttr));

    /// <inheritdoc />
    public void SetTrialSystemAttr(long trialId, string key, object? value) => throw Denied(nameof(SetTrialSystemAttr));

    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId) => inner.GetTrial(trialId);

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null) => inner.GetAllTrials(studyId, states);

    /// <inheritdoc />
    public int GetTrialCount(int studyId, IReadOnlyCollection<TrialState>? states = null) => inner.GetTrialCount(studyId, states);

    /// <inheritdoc />
    public FrozenTrial GetBestTrial(int studyId) => inner.GetBestTrial(studyId);

    private static InvalidOperationException Denied(string operation) =>
        new($"This storage is read-only: {operation} is not allowed (the dashboard never writes to a study).");
}
