using System.Text;
using System.Text.Json;

namespace Astrolabe.ModelSearch;

/// <summary>How the name converters quote a token that is not a name in their messages.</summary>
internal static class JsonTokens
{
    /// <summary>A number or literal as its JSON text (3, true, null); another token by its kind (StartArray …).</summary>
    public static string Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => reader.TokenType.ToString(),
    };
}
