using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// How to create (or load) a study. Validated once by <see cref="Study.Create"/>: give either
/// <see cref="Direction"/> or <see cref="Directions"/> (several objectives), not both.
/// </summary>
public sealed record StudyOptions
{
    /// <summary>The study's name; a unique name is generated when null.</summary>
    public string? StudyName { get; init; }

    /// <summary>The direction of a single-objective study (default Minimize).</summary>
    public StudyDirection? Direction { get; init; }

    /// <summary>The directions of a multi-objective study, one per objective.</summary>
    public IReadOnlyList<StudyDirection>? Directions { get; init; }

    /// <summary>The sampler; default <see cref="RandomSampler"/>.</summary>
    public Sampler? Sampler { get; init; }

    /// <summary>The pruner; default <see cref="NopPruner"/>.</summary>
    public Pruner? Pruner { get; init; }

    /// <summary>The storage; default a new <see cref="InMemoryStorage"/>.</summary>
    public IStorage? Storage { get; init; }

    /// <summary>When a study of that name exists, load it instead of failing with <see cref="DuplicatedStudyException"/>.</summary>
    public bool LoadIfExists { get; init; }

    /// <summary>Receives a line per finished trial at Information level.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// How often <c>Optimize</c> records a heartbeat for each trial it runs; null (the default) sends none. At most
    /// <c>int.MaxValue</c> milliseconds (about 24.8 days).
    /// Needs a storage that implements <see cref="IHeartbeatStorage"/> (SQLite, PostgreSQL); ignored otherwise.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>
    /// How long a Running trial may go without a heartbeat before <c>Optimize</c> (in any worker of the
    /// study) marks it Fail; default twice <see cref="HeartbeatInterval"/>. Must be at least the interval, and at most
    /// 36,500 days.
    /// </summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>
    /// Called for each trial this study object failed because its worker stopped sending heartbeats, e.g.
    /// <see cref="RetryFailedTrialCallback.Invoke"/> to run it again with the same parameters.
    /// </summary>
    public Action<Study, FrozenTrial>? FailedTrialCallback { get; init; }

    internal IReadOnlyList<StudyDirection> ResolveDirections()
    {
        if (Direction is not null && Directions is not null)
        {
            throw new ArgumentException("Give either Direction or Directions, not both.");
        }

        return Directions ?? [Direction ?? StudyDirection.Minimize];
    }

    // The longest wait a timer or wait handle takes (int.MaxValue milliseconds, about 24.8 days).
    private static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromMilliseconds(int.MaxValue);

    // Far beyond any real grace period, and small enough that "now − grace" is a valid time.
    private static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(36_500);

    /// <summary>The validated heartbeat settings, or null when heartbeats are off.</summary>
    internal HeartbeatSettings? ResolveHeartbeat()
    {
        if (HeartbeatInterval is not { } interval)
        {
            return GracePeriod is null && FailedTrialCallback is null
                ? null
                : throw new ArgumentException("GracePeriod and FailedTrialCallback need a HeartbeatInterval.");
        }

        if (interval <= TimeSpan.Zero || interval > MaxHeartbeatInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), interval, $"The heartbeat interval must be positive and at most {MaxHeartbeatInterval}.");
        }

        var grace = GracePeriod ?? interval * 2;
        if (grace < interval || grace > MaxGracePeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(GracePeriod), grace, $"The grace period must be at least the heartbeat interval ({interval}) and at most {MaxGracePeriod.Days} days.");
        }

        return new HeartbeatSettings(interval, grace, FailedTrialCallback);
    }
}
