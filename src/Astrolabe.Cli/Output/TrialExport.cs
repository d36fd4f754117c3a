using System.Globalization;
using System.Text.Json;

namespace Astrolabe.Cli;

/// <summary>
/// A study's trials as CSV (one row per trial, columns like Optuna's trials_dataframe: number, state,
/// value or values_i, datetime_start, datetime_complete, duration, then the recorded cost cpu_s, flops, energy_j,
/// co2e_g, then params_*, user_attrs_*, and when any trial has constraint values the columns constraints (a JSON list)
/// and feasible) or as JSON (an array of objects with every field, intermediate values, the cost, the constraints and
/// feasibility included).
/// </summary>
public static class TrialExport
{
    /// <summary>Writes RFC 4180 CSV.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<FrozenTrial> trials, int objectives)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trials);
        var paramNames = trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        var attrNames = trials.SelectMany(t => t.UserAttrs.Keys).Distinct().ToList();
        var header = new List<string> { "number", "state" };
        header.AddRange(objectives == 1 ? ["value"] : Enumerable.Range(0, objectives).Select(i => $"values_{i}"));
        header.AddRange(["datetime_start", "datetime_complete", "duration_s", "cpu_s", "flops", "energy_j", "co2e_g"]);
        header.AddRange(paramNames.Select(n => $"params_{n}"));
        header.AddRange(attrNames.Select(n => $"user_attrs_{n}"));
        bool constrained = trials.Any(t => t.Constraints is not null);
        if (constrained)
        {
            header.AddRange(["constraints", "feasible"]);
        }

        writer.WriteLine(string.Join(",", header.Select(Quote)));
        foreach (var t in trials)
        {
            var row = new List<string> { t.Number.ToString(CultureInfo.InvariantCulture), t.State.ToString().ToUpperInvariant() };
            row.AddRange(Enumerable.Range(0, objectives).Select(i => t.Values is null ? "" : t.Values[i].ToString("R", CultureInfo.InvariantCulture)));
            row.Add(t.DatetimeStart?.ToString("O", CultureInfo.InvariantCulture) ?? "");
            row.Add(t.DatetimeComplete?.ToString("O", CultureInfo.InvariantCulture) ?? "");
            row.Add(t.Duration?.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) ?? "");
            var cost = TrialCost.Of(t);
            row.Add(cost?.CpuSeconds.ToString("R", CultureInfo.InvariantCulture) ?? "");
            row.Add(t.SystemAttrs.TryGetValue(TrialCost.FlopsKey, out var flops) ? Cell(flops) : "");
            row.Add(cost?.EnergyJoules.ToString("R", CultureInfo.InvariantCulture) ?? "");
            row.Add(cost?.Co2eGrams.ToString("R", CultureInfo.InvariantCulture) ?? "");
            row.AddRange(paramNames.Select(n => t.Params.TryGetValue(n, out var v) ? Cell(v) : ""));
            row.AddRange(attrNames.Select(n => t.UserAttrs.TryGetValue(n, out var v) ? Cell(v) : ""));
            if (constrained)
            {
                row.Add(t.Constraints is { } c ? JsonValues.Serialize(c) : "");
                row.Add(Cell(t.IsFeasible));
            }

            writer.WriteLine(string.Join(",", row.Select(Quote)));
        }
    }

    /// <summary>Writes a JSON array of trial objects.</summary>
    public static void WriteJson(Stream stream, IReadOnlyList<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (var t in trials)
        {
            w.WriteStartObject();
            w.WriteNumber("number", t.Number);
            w.WriteString("state", t.State.ToString().ToUpperInvariant());
            w.WritePropertyName("values");
            JsonValues.Write(w, t.Values);
            w.WritePropertyName("params");
            JsonValues.Write(w, t.Params.ToDictionary(p => p.Key, p => p.Value));
            w.WritePropertyName("distributions");
            w.WriteStartObject();
            foreach (var (name, d) in t.Distributions)
            {
                w.WritePropertyName(name);
                DistributionJson.Write(w, d);
            }

            w.WriteEndObject();
            w.WritePropertyName("intermediate_values");
            JsonValues.Write(w, t.IntermediateValues.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => (object?)p.Value));
            w.WritePropertyName("user_attrs");
            JsonValues.Write(w, t.UserAttrs.ToDictionary(p => p.Key, p => p.Value));
            w.WritePropertyName("system_attrs");
            JsonValues.Write(w, t.SystemAttrs.ToDictionary(p => p.Key, p => p.Value));
            w.WriteString("datetime_start", t.DatetimeStart?.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("datetime_complete", t.DatetimeComplete?.ToString("O", CultureInfo.InvariantCulture));
            if (TrialCost.Of(t) is { } cost)
            {
                w.WriteStartObject("cost");
                w.WriteNumber("wall_s", cost.WallSeconds);
                w.WriteNumber("cpu_s", cost.CpuSeconds);
                w.WriteNumber("energy_j", cost.EnergyJoules);
                w.WriteString("energy_method", cost.Method == EnergyMethod.Rapl ? "rapl" : "estimated");
                w.WriteNumber("co2e_g", cost.Co2eGrams);
                if (cost.Flops is { } f)
                {
                    w.WriteNumber("flops", f);
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("cost");
            }

            w.WritePropertyName("constraints");
            JsonValues.Write(w, t.Constraints);
            w.WriteBoolean("feasible", t.IsFeasible);

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        string s => s,
        _ when v is System.Collections.IEnumerable => JsonValues.Serialize(v),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
