using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Astrolabe;

/// <summary>
/// A search: a named set of trials in a storage, with the sampler that proposes parameters and the
/// pruner that stops bad trials early. Create one with <see cref="Create"/> or <see cref="Load"/>, then run
/// it with <c>Optimize</c>/<c>OptimizeAsync</c> or drive it with <see cref="Ask"/> and <c>Tell</c>. Several
/// threads and processes may work on the same study at once through a shared storage.
/// </summary>
public sealed partial class Study
{
    private volatile bool stopRequested;

    private Study(string name, int studyId, IStorage storage, Sampler sampler, Pruner pruner, IReadOnlyList<StudyDirection> directions, ILogger logger, HeartbeatSettings? heartbeat = null)
    {
        Heartbeat = heartbeat;
        StudyName = name;
        StudyId = studyId;
        Storage = storage;
        Sampler = sampler;
        Pruner = pruner;
        Directions = directions;
        Logger = logger;
    }

    /// <summary>The study's name, unique in its storage.</summary>
    public string StudyName { get; }

    /// <summary>The storage's id of the study.</summary>
    public int StudyId { get; }

    /// <summary>Where the study's trials live.</summary>
    public IStorage Storage { get; }

    /// <summary>The sampler proposing parameters.</summary>
    public Sampler Sampler { get; }

    /// <summary>The pruner deciding early stops.</summary>
    public Pruner Pruner { get; }

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>The direction of a single-objective study; throws for several objectives.</summary>
    public StudyDirection Direction => Directions.Count == 1
        ? Directions[0]
        : throw new InvalidOperationException("This study has several objectives; read Directions instead.");

    /// <summary>All trials, in number order (a snapshot).</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetAllTrials(StudyId);

    /// <summary>
    /// The trials from number <paramref name="start"/> on, for samplers that remember what they took in of the first
    /// ones: in memory only those are copied; other storages read all and skip.
    /// </summary>
    internal IReadOnlyList<FrozenTrial> TrialsFrom(int start) =>
        Storage is InMemoryStorage memory ? memory.GetTrialsFrom(StudyId, start) : [.. Trials.Skip(start)];

    /// <summary>
    /// The best feasible Complete trial (<see cref="FrozenTrial.IsFeasible"/>: a trial without constraint values is
    /// feasible); throws when the study has several objectives, no Complete trial, or none that is feasible.
    /// </summary>
    public FrozenTrial BestTrial => FeasibleBest.Of(Storage, StudyId, Directions[0]);

    /// <summary>The best objective value; see <see cref="BestTrial"/>.</summary>
    public double BestValue => BestTrial.Values![0];

    /// <summary>The best parameters; see <see cref="BestTrial"/>.</summary>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>
    /// The Pareto front of the feasible Complete trials (for one objective: the trials sharing the best value); empty
    /// when no Complete trial is feasible.
    /// </summary>
    public IReadOnlyList<FrozenTrial> BestTrials => ParetoFront.OfFeasible(GetTrials(TrialState.Complete), Directions);

    /// <summary>The study's user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => Storage.GetStudyUserAttrs(StudyId);

    /// <summary>The study's system attributes.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs => Storage.GetStudySystemAttrs(StudyId);

    internal ILogger Logger { get; }

    /// <summary>The heartbeat settings; null when this study object sends no heartbeats.</summary>
    internal HeartbeatSettings? Heartbeat { get; }

    /// <summary>
    /// Creates a study in <see cref="StudyOptions.Storage"/> (a new in-memory storage by default), or loads
    /// it when <see cref="StudyOptions.LoadIfExists"/> is set and the name exists. Throws
    /// <see cref="DuplicatedStudyException"/> when the name is taken, and <see cref="ArgumentException"/>
    /// for invalid options or when a loaded study's directions differ from those asked for.
    /// </summary>
    public static Study Create(StudyOptions? options = null)
    {
        options ??= new StudyOptions();
        var directions = options.ResolveDirections();
        StorageRules.ValidateDirections(directions);
        var heartbeat = options.ResolveHeartbeat();
        var storage = options.Storage ?? new InMemoryStorage();
        string name = options.StudyName ?? $"study-{Guid.NewGuid():N}";
        int id;
        try
        {
            id = storage.CreateStudy(name, directions);
        }
        catch (DuplicatedStudyException) when (options.LoadIfExists)
        {
            id = storage.GetStudyId(name);
            var existing = storage.GetStudyDirections(id);
            if (!existing.SequenceEqual(directions))
            {
                throw new ArgumentException(
                    $"Study '{name}' exists with directions [{string.Join(", ", existing)}], not [{string.Join(", ", directions)}].");
            }
        }

        return new Study(name, id, storage, options.Sampler ?? new RandomSampler(), options.Pruner ?? new NopPruner(), directions, options.Logger ?? NullLogger.Instance, heartbeat);
    }

    /// <summary>Loads an existing study; throws <see cref="StudyNotFoundException"/> when there is none of that name.</summary>
    public static Study Load(string studyName, IStorage storage, Sampler? sampler = null, Pruner? pruner = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        int id = storage.GetStudyId(studyName);
        return new Study(studyName, id, storage, sampler ?? new RandomSampler(), pruner ?? new NopPruner(), storage.GetStudyDirections(id), logger ?? NullLogger.Instance);
    }

    /// <summary>Deletes a study and its trials from a storage.</summary>
    public static void Delete(string studyName, IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.DeleteStudy(storage.GetStudyId(studyName));
    }

    /// <summary>The trials in the given states (all when none are given), in number order.</summary>
    public IReadOnlyList<FrozenTrial> GetTrials(params IReadOnlyCollection<TrialState> states) =>
        Storage.GetAllTrials(StudyId, states.Count == 0 ? null : states);

    /// <summary>Sets a user attribute of the study.</summary>
    public void SetUserAttr(string key, object? value) => Storage.SetStudyUserAttr(StudyId, key, value);

    /// <summary>Sets a system attribute of the study; reserved for samplers and tools.</summary>
    public void SetSystemAttr(string key, object? value) => Storage.SetStudySystemAttr(StudyId, key, value);

    /// <summary>Asks running <c>Optimize</c> calls of this study object to start no new trial.</summary>
    public void Stop() => stopRequested = true;
}
