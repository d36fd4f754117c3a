using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>The learning-rate schedule over a run's steps; JSON, trial parameters and messages spell it as shown.</summary>
[JsonConverter(typeof(SpellingConverter<ScheduleKind>))]
public enum ScheduleKind
{
    /// <summary>"constant".</summary>
    [JsonStringEnumMemberName("constant")]
    Constant,

    /// <summary>"cosine": cosine annealing to 0 over the run.</summary>
    [JsonStringEnumMemberName("cosine")]
    Cosine,

    /// <summary>"warmup_cosine": linear warm-up over the first epoch (at most half the run), then cosine.</summary>
    [JsonStringEnumMemberName("warmup_cosine")]
    WarmupCosine,
}
