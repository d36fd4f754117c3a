using System.Text.Json;

namespace Astrolabe;

/// <summary>
/// The JSON form of a distribution that every storage writes, e.g.
/// <c>{"type":"float","low":0.001,"high":1,"log":true,"step":null}</c>. Reading validates the
/// distribution again, so a corrupted row gives a clear error instead of a wrong space.
/// </summary>
public static class DistributionJson
{
    /// <summary>Writes a distribution as one JSON object.</summary>
    public static string Serialize(Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, distribution);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a distribution to an open JSON writer.</summary>
    public static void Write(Utf8JsonWriter w, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        switch (distribution)
        {
            case FloatDistribution f:
                w.WriteString("type", "float");
                JsonValues.WriteDouble(w, "low", f.Low);
                JsonValues.WriteDouble(w, "high", f.High);
                w.WriteBoolean("log", f.Log);
                if (f.Step is { } s)
                {
                    JsonValues.WriteDouble(w, "step", s);
                }
                else
                {
                    w.WriteNull("step");
                }

                break;
            case IntDistribution i:
                w.WriteString("type", "int");
                w.WriteNumber("low", i.Low);
                w.WriteNumber("high", i.High);
                w.WriteBoolean("log", i.Log);
                w.WriteNumber("step", i.Step);
                break;
            case CategoricalDistribution c:
                w.WriteString("type", "categorical");
                w.WritePropertyName("choices");
                w.WriteStartArray();
                foreach (var choice in c.Choices)
                {
                    JsonValues.Write(w, choice);
                }

                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unknown distribution type {distribution.GetType().Name}.");
        }

        w.WriteEndObject();
    }

    /// <summary>Reads a distribution written by <see cref="Serialize"/>; throws <see cref="FormatException"/> on anything else.</summary>
    public static Distribution Deserialize(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a distribution: {json}", e);
        }
    }

    /// <summary>Reads a distribution from a parsed JSON object.</summary>
    public static Distribution Read(JsonElement e)
    {
        string type = e.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        try
        {
            return type switch
            {
                "float" => new FloatDistribution(
                    e.GetProperty("low").GetDouble(),
                    e.GetProperty("high").GetDouble(),
                    e.TryGetProperty("log", out var fl) && fl.GetBoolean(),
                    e.TryGetProperty("step", out var fs) && fs.ValueKind == JsonValueKind.Number ? fs.GetDouble() : null),
                "int" => new IntDistribution(
                    e.GetProperty("low").GetInt64(),
                    e.GetProperty("high").GetInt64(),
                    e.TryGetProperty("log", out var il) && il.GetBoolean(),
                    e.TryGetProperty("step", out var ist) ? ist.GetInt64() : 1),
                "categorical" => new CategoricalDistribution(e.GetProperty("choices").EnumerateArray().Select(JsonValues.Read).ToList()),
                _ => throw new FormatException($"Unknown distribution type '{type}' in {e.GetRawText()}."),
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Invalid distribution {e.GetRawText()}: {ex.Message}", ex);
        }
    }
}
