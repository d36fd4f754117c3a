using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>The normalisation after each hidden layer; JSON, trial parameters and messages spell it as shown.</summary>
[JsonConverter(typeof(SpellingConverter<NormalizationKind>))]
public enum NormalizationKind
{
    /// <summary>"none".</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>"batch": batch normalisation over the channels (or units).</summary>
    [JsonStringEnumMemberName("batch")]
    Batch,

    /// <summary>"layer": layer normalisation over the whole layer output.</summary>
    [JsonStringEnumMemberName("layer")]
    Layer,
}
