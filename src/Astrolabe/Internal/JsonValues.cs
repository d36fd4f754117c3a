using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrolabe;

/// <summary>
/// Attribute and choice values as storages keep them: JSON text. Supported values are null, bool,
/// integers (read back as long), doubles (read back as double, even when integral), strings, lists and
/// string-keyed dictionaries of those. Non-finite doubles are written as the strings "NaN", "Infinity"
/// and "-Infinity".
/// </summary>
public static class JsonValues
{
    /// <summary>Serializes a value to JSON text.</summary>
    public static string Serialize(object? value)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Throws the <see cref="ArgumentException"/> <see cref="Serialize"/> would for a value it cannot store, without
    /// writing anything (an in-memory storage checks values this way: a tenth of the cost of serialising them).
    /// </summary>
    internal static void Validate(object? value)
    {
        switch (value)
        {
            case null or bool or string or int or long or float or double or decimal or JsonElement:
                return;
            case System.Collections.IDictionary dict:
                foreach (System.Collections.DictionaryEntry kv in dict)
                {
                    Validate(kv.Value);
                }

                return;
            case System.Collections.IEnumerable list:
                foreach (var item in list)
                {
                    Validate(item);
                }

                return;
            default:
                throw Unsupported(value);
        }
    }

    /// <summary>Parses JSON text written by <see cref="Serialize"/>.</summary>
    public static object? Deserialize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Read(doc.RootElement);
    }

    /// <summary>Writes one value; throws <see cref="ArgumentException"/> for unsupported types.</summary>
    public static void Write(Utf8JsonWriter w, object? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case float f: WriteDoubleValue(w, f); break;
            case double d: WriteDoubleValue(w, d); break;
            case decimal m: WriteDoubleValue(w, (double)m); break;
            case JsonElement je: je.WriteTo(w); break;
            case System.Collections.IDictionary dict:
                w.WriteStartObject();
                foreach (System.Collections.DictionaryEntry kv in dict)
                {
                    w.WritePropertyName(Convert.ToString(kv.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(w, kv.Value);
                }

                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                throw Unsupported(value);
        }
    }

    private static ArgumentException Unsupported(object value) =>
        new($"Values of type {value.GetType().Name} cannot be stored; use null, bool, numbers, strings, lists or dictionaries.");

    /// <summary>Reads one JSON value into the types listed on this class.</summary>
    public static object? Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => IsIntegerText(e.GetRawText()) && e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(Read).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value)),
        _ => throw new FormatException($"Unsupported JSON value {e.GetRawText()}."),
    };

    internal static void WriteDouble(Utf8JsonWriter w, string name, double d)
    {
        w.WritePropertyName(name);
        WriteDoubleValue(w, d);
    }

    internal static void WriteDoubleValue(Utf8JsonWriter w, double d)
    {
        if (double.IsNaN(d))
        {
            w.WriteStringValue("NaN");
        }
        else if (double.IsPositiveInfinity(d))
        {
            w.WriteStringValue("Infinity");
        }
        else if (double.IsNegativeInfinity(d))
        {
            w.WriteStringValue("-Infinity");
        }
        else
        {
            string text = d.ToString("R", CultureInfo.InvariantCulture);
            w.WriteRawValue(IsIntegerText(text) ? text + ".0" : text, skipInputValidation: true);
        }
    }

    private static bool IsIntegerText(string text) => text.IndexOfAny(['.', 'e', 'E']) < 0;
}
