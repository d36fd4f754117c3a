using System.Text.Json;
using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>Reads and writes a choice enum by its name (<see cref="Spelling{T}"/>); an unknown name fails with the known ones.</summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class SpellingConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return name is not null && Spelling<T>.TryParse(name, out var value)
            ? value
            : throw new JsonException(Spelling<T>.Unknown(name ?? JsonTokens.Text(ref reader)));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Spelling<T>.Of(value));
    }
}
