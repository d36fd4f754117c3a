using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The text-classification families a <see cref="TextSpace"/> draws (trial parameter <c>family</c>); JSON, trial
/// parameters and messages spell them as shown. Every family embeds the token ids (id 0 is padding) and ends in a
/// linear layer to the classes.
/// </summary>
[JsonConverter(typeof(SpellingConverter<TextFamilyKind>))]
public enum TextFamilyKind
{
    /// <summary>"bag": fastText — the mean of the token (and hashed word-bigram) embeddings, an optional hidden layer.</summary>
    [JsonStringEnumMemberName("bag")]
    Bag,

    /// <summary>"textcnn": 1-D convolutions of one or several widths, ReLU, max over time (Kim, 2014).</summary>
    [JsonStringEnumMemberName("textcnn")]
    TextCnn,

    /// <summary>"gru": a (bidirectional) GRU over the tokens, then its final state or the mean of its outputs.</summary>
    [JsonStringEnumMemberName("gru")]
    Gru,

    /// <summary>"lstm": a (bidirectional) LSTM over the tokens, then its final state or the mean of its outputs.</summary>
    [JsonStringEnumMemberName("lstm")]
    Lstm,

    /// <summary>"transformer": token plus learned position embeddings, Transformer encoder layers, masked mean pooling.</summary>
    [JsonStringEnumMemberName("transformer")]
    Transformer,
}
