namespace Astrolabe;

/// <summary>
/// Where studies and trials live: the reads of <see cref="IStudyReader"/> and the writes. Every implementation
/// is safe to call from many threads (and, for the database-backed ones, from many processes), returns immutable
/// snapshots, and enforces the trial life cycle: a finished trial (Complete, Pruned, Fail) never changes again,
/// and only one caller can move a trial out of Running or Waiting. Trial numbers are assigned atomically,
/// 0, 1, 2 … per study.
/// Errors: an unknown study name throws <see cref="StudyNotFoundException"/>, a name taken throws
/// <see cref="DuplicatedStudyException"/>, an update of a finished trial throws
/// <see cref="InvalidOperationException"/>.
/// </summary>
public interface IStorage : IStudyReader
{
    /// <summary>Creates a study and returns its id.</summary>
    int CreateStudy(string studyName, IReadOnlyList<StudyDirection> directions);

    /// <summary>Deletes a study and all its trials.</summary>
    void DeleteStudy(int studyId);

    /// <summary>Sets a user attribute of a study.</summary>
    void SetStudyUserAttr(int studyId, string key, object? value);

    /// <summary>Sets a system attribute of a study.</summary>
    void SetStudySystemAttr(int studyId, string key, object? value);

    /// <summary>
    /// Atomically returns the current value of a named per-study counter (0 the first time) and increments
    /// it. Samplers use it to hand out grid points or sequence indices that no two workers share.
    /// </summary>
    long NextCounterValue(int studyId, string key);

    /// <summary>
    /// Creates a trial with the next number. Without a template it is Running and empty; a template supplies
    /// the state (Running or Waiting, or a finished state for a trial added whole), parameters, values,
    /// intermediate values and attributes. Returns the stored trial. Throws <see cref="ArgumentException"/>, and
    /// stores nothing, for a template that <see cref="StorageRules.ValidateTemplate"/> refuses: a parameter
    /// without a distribution or outside it, or values as <see cref="SetTrialStateValues"/> refuses them.
    /// </summary>
    FrozenTrial CreateTrial(int studyId, FrozenTrial? template = null);

    /// <summary>Atomically moves the oldest Waiting trial to Running and returns it; null when none waits.</summary>
    FrozenTrial? ClaimWaitingTrial(int studyId);

    /// <summary>
    /// Starts a trial: claims the oldest Waiting trial as <see cref="ClaimWaitingTrial"/> does or, when none
    /// waits, creates an empty Running one as <see cref="CreateTrial"/> does. A storage behind a network
    /// overrides it to do both in one round trip; the default makes the two calls.
    /// </summary>
    FrozenTrial ClaimOrCreateTrial(int studyId) => ClaimWaitingTrial(studyId) ?? CreateTrial(studyId);

    /// <summary>Records a parameter of a Running trial.</summary>
    void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution);

    /// <summary>
    /// Moves a trial to a new state, with values for Complete (and optionally Pruned). Returns false, and
    /// changes nothing, when the trial is already finished or when asked to move a trial to Running that is
    /// not Waiting: so exactly one caller finishes a trial. Throws <see cref="ArgumentException"/>, changing
    /// nothing, for Complete without values, a count of values other than the study's objectives, or a NaN
    /// value (±∞ are kept as they are).
    /// </summary>
    bool SetTrialStateValues(long trialId, TrialState state, IReadOnlyList<double>? values = null);

    /// <summary>Records an intermediate value of a Running trial.</summary>
    void SetTrialIntermediateValue(long trialId, long step, double value);

    /// <summary>Sets a user attribute of a trial that is not finished.</summary>
    void SetTrialUserAttr(long trialId, string key, object? value);

    /// <summary>Sets a system attribute of a trial that is not finished.</summary>
    void SetTrialSystemAttr(long trialId, string key, object? value);
}
