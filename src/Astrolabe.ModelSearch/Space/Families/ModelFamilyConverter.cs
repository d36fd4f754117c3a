using System.Text.Json;
using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>Reads and writes an <see cref="IModelFamily"/> by its registered name; an unknown name fails with the known ones.</summary>
internal sealed class ModelFamilyConverter : JsonConverter<IModelFamily>
{
    /// <summary>Called for null too, so that a null family fails here with the known names.</summary>
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override IModelFamily Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ModelFamilies.TryGet(name, out var family)
            ? family
            : throw new JsonException(ModelFamilies.Unknown(name ?? JsonTokens.Text(ref reader)));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IModelFamily value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Name);
    }
}
