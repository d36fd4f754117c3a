using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// What one line of a program's output says. A JSON object with a <c>"value"</c>, <c>"values"</c> or <c>"step"</c>
/// key is a report: <c>{"step": n, "value": v}</c> an intermediate value (n a whole number from 0), <c>{"value": v}</c>
/// or <c>{"values": [...]}</c> the objective. A report that breaks these rules fails the trial, with the line's number
/// and what is wrong; any other line is the program's own business. Numbers may be written <c>inf</c>, <c>-inf</c>,
/// <c>nan</c> (any case) and, in JSON as Python's <c>json</c> writes them, <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c>.
/// </summary>
internal static class OutputLine
{
    private static readonly string[] NamedNumbers = ["-Infinity", "Infinity", "NaN"];

    /// <summary>The line's report; null when the line is not one; throws <see cref="ProgramFailedException"/> when it is a malformed one.</summary>
    public static Report? ParseReport(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.TrimStart().StartsWith('{'))
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(QuoteNamedNumbers(line));
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            bool hasValue = root.TryGetProperty("value", out var value);
            bool hasValues = root.TryGetProperty("values", out var values);
            bool hasStep = root.TryGetProperty("step", out var step);
            if (!hasValue && !hasValues && !hasStep)
            {
                return null;
            }

            if (hasValues)
            {
                if (hasStep || hasValue)
                {
                    throw Malformed(lineNumber, line, "\"values\" goes alone: a step reports one \"value\"");
                }

                if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                {
                    throw Malformed(lineNumber, line, "\"values\" must be a non-empty array of numbers");
                }

                var parsed = new double[values.GetArrayLength()];
                int i = 0;
                foreach (var e in values.EnumerateArray())
                {
                    parsed[i++] = Number(e) ?? throw Malformed(lineNumber, line, $"\"values\" must hold numbers, not {e.GetRawText()}");
                }

                return new Report(null, parsed);
            }

            if (!hasValue)
            {
                throw Malformed(lineNumber, line, "\"step\" needs a \"value\"");
            }

            double v = Number(value) ?? throw Malformed(lineNumber, line, $"\"value\" must be a number, not {value.GetRawText()}");
            long? s = hasStep ? Step(step) ?? throw Malformed(lineNumber, line, $"\"step\" must be a whole number from 0 to {long.MaxValue}, not {step.GetRawText()}") : null;
            return new Report(s, [v]);
        }
    }

    /// <summary>The numbers of a plain line (separated by spaces, tabs or commas); null unless every part is a number.</summary>
    public static double[]? ParseNumbers(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var numbers = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!TryParseNumber(parts[i], out numbers[i]))
            {
                return null;
            }
        }

        return numbers.Length > 0 ? numbers : null;
    }

    /// <summary>A number in invariant culture, or inf, -inf, +inf, infinity or nan in any case.</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        string unsigned = t.TrimStart('+', '-');
        bool negative = t.StartsWith('-');
        if (t.Length - unsigned.Length <= 1)
        {
            if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            {
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }

            if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                value = double.NaN;
                return true;
            }
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static double? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => double.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String when NamedNumbers.Contains(e.GetString()) && TryParseNumber(e.GetString()!, out double v) => v,
        _ => null,
    };

    private static long? Step(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (e.TryGetInt64(out long whole))
        {
            return whole >= 0 ? whole : null;
        }

        // 3.0 is step 3, as Python writes a float that holds a whole number.
        double d = double.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return d >= 0 && d < 9.2e18 && Math.Floor(d) == d ? (long)d : null;
    }

    private static ProgramFailedException Malformed(long lineNumber, string line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Output line {lineNumber} is a malformed report ({problem}): {(line.Length > 200 ? line[..200] + "…" : line)}"));

    /// <summary>Writes NaN, Infinity and -Infinity outside strings as strings, so that the JSON parser takes them.</summary>
    private static string QuoteNamedNumbers(string json)
    {
        if (json.AsSpan().IndexOfAny('N', 'I') < 0)
        {
            return json;
        }

        var sb = new StringBuilder(json.Length + 8);
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    sb.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            string? name = NamedNumbers.FirstOrDefault(n => string.CompareOrdinal(json, i, n, 0, n.Length) == 0);
            if (name is not null)
            {
                sb.Append('"').Append(name).Append('"');
                i += name.Length - 1;
                continue;
            }

            inString = c == '"';
            sb.Append(c);
        }

        return sb.ToString();
    }
}

/// <summary>A report line: an intermediate value at a step, or (without a step) the objective's values.</summary>
internal sealed record Report(long? Step, IReadOnlyList<double> Values);
