using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>The activation after each hidden layer; JSON, trial parameters and messages spell it as shown.</summary>
[JsonConverter(typeof(SpellingConverter<ActivationKind>))]
public enum ActivationKind
{
    /// <summary>"relu".</summary>
    [JsonStringEnumMemberName("relu")]
    Relu,

    /// <summary>"leaky_relu" (slope 0.01).</summary>
    [JsonStringEnumMemberName("leaky_relu")]
    LeakyRelu,

    /// <summary>"gelu".</summary>
    [JsonStringEnumMemberName("gelu")]
    Gelu,

    /// <summary>"silu".</summary>
    [JsonStringEnumMemberName("silu")]
    Silu,

    /// <summary>"elu".</summary>
    [JsonStringEnumMemberName("elu")]
    Elu,

    /// <summary>"tanh".</summary>
    [JsonStringEnumMemberName("tanh")]
    Tanh,
}
