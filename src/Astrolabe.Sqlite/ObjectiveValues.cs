using System.Text;
using System.Text.Json;

namespace Astrolabe;

/// <summary>
/// The objective values of a trial as the trials table keeps them: the JSON array <see cref="JsonValues"/>
/// writes, numbers with non-finite ones as the strings "NaN", "Infinity" and "-Infinity". Read from the
/// stored UTF-8 bytes with a forward-only reader and no intermediate objects, because every trial has one.
/// </summary>
internal static class ObjectiveValues
{
    /// <summary>Parses the JSON array written for a trial's values; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static double[] Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid(utf8);
        }

        // Values hold no commas but the separators, so this is the count, or one too many for "[]".
        var values = new double[utf8.Count((byte)',') + 1];
        int n = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray && n < values.Length)
        {
            values[n++] = reader.TokenType switch
            {
                JsonTokenType.Number => Number(ref reader),
                JsonTokenType.String when reader.ValueTextEquals("NaN"u8) => double.NaN,
                JsonTokenType.String when reader.ValueTextEquals("Infinity"u8) => double.PositiveInfinity,
                JsonTokenType.String when reader.ValueTextEquals("-Infinity"u8) => double.NegativeInfinity,
                _ => throw Invalid(utf8),
            };
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw Invalid(utf8);
        }

        return n == values.Length ? values : values[..n];
    }

    /// <summary>A number as <see cref="JsonValues"/> reads it: integer text through a long, so "-0" is 0.</summary>
    private static double Number(ref Utf8JsonReader reader) =>
        reader.ValueSpan.IndexOfAny(".eE"u8) < 0 && reader.TryGetInt64(out long l) ? l : reader.GetDouble();

    private static InvalidDataException Invalid(ReadOnlySpan<byte> utf8) => new($"Invalid stored objective values {Encoding.UTF8.GetString(utf8)}.");
}
