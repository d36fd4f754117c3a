using System.Globalization;
using Astrolabe.ModelSearch;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>The Pareto front of a multi-objective model search as a table: score, bytes, latency, family, precision.</summary>
internal static class FrontSummary
{
    public static void Print(CliConsole console, IReadOnlyList<FrozenTrial> front, IReadOnlyList<string> names, IReadOnlyList<ModelMeasure> measures, SearchTask task)
    {
        var table = new Table().AddColumns("trial", $"validation {task.MetricName}", "bytes", "latency ms", "family", "precision", "model");
        foreach (var t in front.OrderByDescending(t => task.Direction == StudyDirection.Maximize ? t.Values![0] : -t.Values![0]))
        {
            string Measure(ModelMeasure m, string attr, string format)
            {
                int i = measures.ToList().IndexOf(m);
                if (i >= 0)
                {
                    return t.Values![i].ToString(format, CultureInfo.InvariantCulture);
                }

                return t.UserAttrs.TryGetValue(attr, out var v) && v is not null
                    ? Convert.ToDouble(v, CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture)
                    : "-";
            }

            var config = ModelObjective.ConfigOf(t);
            table.AddRow(
                t.Number.ToString(CultureInfo.InvariantCulture),
                SearchSummary.Score(task, t.Values![0]),
                Measure(ModelMeasure.Bytes, "bytes", "F0"),
                Measure(ModelMeasure.Latency, "latency_ms", "F3"),
                Markup.Escape(config.Family.Name),
                ModelPrecisions.Name(config.Precision),
                Markup.Escape(config.Describe()));
        }

        console.Ansi.Write(new Rule($"Pareto front ({string.Join(", ", names)})"));
        console.Ansi.Write(table);
    }
}
