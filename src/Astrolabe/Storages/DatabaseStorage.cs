namespace Astrolabe;

/// <summary>
/// The common base of the storages that keep studies in a database (<c>SqliteStorage</c>,
/// <c>PostgresStorage</c>). It implements the attribute members of <see cref="IStorage"/> once: user and system
/// attributes are rows of one table per owner, told apart by a kind, with the value as JSON; an empty key or a
/// value no storage could keep is refused with <see cref="ArgumentException"/> before anything is written. A
/// database storage supplies only the statements that write and read those rows. Only this library's storages
/// derive from it.
/// </summary>
public abstract class DatabaseStorage
{
    private protected DatabaseStorage()
    {
    }

    /// <inheritdoc cref="IStorage.SetStudyUserAttr"/>
    public void SetStudyUserAttr(int studyId, string key, object? value) =>
        WriteStudyAttr(studyId, StoredAttrs.User, key, StoredAttrs.Encode(key, value));

    /// <inheritdoc cref="IStorage.SetStudySystemAttr"/>
    public void SetStudySystemAttr(int studyId, string key, object? value) =>
        WriteStudyAttr(studyId, StoredAttrs.System, key, StoredAttrs.Encode(key, value));

    /// <inheritdoc cref="IStudyReader.GetStudyUserAttrs"/>
    public IReadOnlyDictionary<string, object?> GetStudyUserAttrs(int studyId) => ReadStudyAttrs(studyId, StoredAttrs.User);

    /// <inheritdoc cref="IStudyReader.GetStudySystemAttrs"/>
    public IReadOnlyDictionary<string, object?> GetStudySystemAttrs(int studyId) => ReadStudyAttrs(studyId, StoredAttrs.System);

    /// <inheritdoc cref="IStorage.SetTrialUserAttr"/>
    public void SetTrialUserAttr(long trialId, string key, object? value) =>
        WriteTrialAttr(trialId, StoredAttrs.User, key, StoredAttrs.Encode(key, value));

    /// <inheritdoc cref="IStorage.SetTrialSystemAttr"/>
    public void SetTrialSystemAttr(long trialId, string key, object? value) =>
        WriteTrialAttr(trialId, StoredAttrs.System, key, StoredAttrs.Encode(key, value));

    /// <summary>
    /// Inserts or replaces the study attribute row (<paramref name="kind"/> is <see cref="StoredAttrs.User"/> or
    /// <see cref="StoredAttrs.System"/>, <paramref name="json"/> the encoded value); throws
    /// <see cref="StudyNotFoundException"/> for an unknown study.
    /// </summary>
    private protected abstract void WriteStudyAttr(int studyId, int kind, string key, string json);

    /// <summary>The study's attributes of one kind, by key; throws <see cref="StudyNotFoundException"/> for an unknown study.</summary>
    private protected abstract IReadOnlyDictionary<string, object?> ReadStudyAttrs(int studyId, int kind);

    /// <summary>
    /// Inserts or replaces the trial attribute row; throws as every trial update does for an unknown or
    /// finished trial.
    /// </summary>
    private protected abstract void WriteTrialAttr(long trialId, int kind, string key, string json);
}
