using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>The optimizer that trains the model; JSON, trial parameters and messages spell it as shown.</summary>
[JsonConverter(typeof(SpellingConverter<OptimizerKind>))]
public enum OptimizerKind
{
    /// <summary>"adam".</summary>
    [JsonStringEnumMemberName("adam")]
    Adam,

    /// <summary>"adamw" (decoupled weight decay).</summary>
    [JsonStringEnumMemberName("adamw")]
    AdamW,

    /// <summary>"sgd" with <see cref="ModelConfig.Momentum"/> (Nesterov when positive).</summary>
    [JsonStringEnumMemberName("sgd")]
    Sgd,

    /// <summary>"rmsprop".</summary>
    [JsonStringEnumMemberName("rmsprop")]
    RmsProp,
}
