using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The complexity penalty of a model, with strength <see cref="ModelConfig.Regularization"/>; JSON, trial parameters
/// and messages spell it as shown.
/// </summary>
[JsonConverter(typeof(SpellingConverter<PenaltyKind>))]
public enum PenaltyKind
{
    /// <summary>"none".</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>"weight_decay": the optimizer's own (decoupled for AdamW).</summary>
    [JsonStringEnumMemberName("weight_decay")]
    WeightDecay,

    /// <summary>"l1": λ·Σ|w| over the weights, added to the objective.</summary>
    [JsonStringEnumMemberName("l1")]
    L1,

    /// <summary>"l2": λ·Σw² over the weights, added to the objective.</summary>
    [JsonStringEnumMemberName("l2")]
    L2,
}
