namespace Astrolabe;

/// <summary>A study's validated heartbeat settings (see <see cref="StudyOptions.HeartbeatInterval"/>).</summary>
internal sealed record HeartbeatSettings(TimeSpan Interval, TimeSpan GracePeriod, Action<Study, FrozenTrial>? FailedTrialCallback);
