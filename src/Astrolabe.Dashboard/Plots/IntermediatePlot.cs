using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>One trial's learning curve.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="State">Its state; <see cref="TrialState.Pruned"/> curves are marked.</param>
/// <param name="Steps">The reported steps, ascending.</param>
/// <param name="Values">The value reported at each step.</param>
public sealed record IntermediateCurve(int Number, TrialState State, IReadOnlyList<long> Steps, IReadOnlyList<double> Values)
{
    /// <summary>True when the trial was pruned.</summary>
    public bool Pruned => State == TrialState.Pruned;
}

/// <summary>
/// Intermediate values: each trial's reported values by step, pruned trials drawn dashed in red with a cross at the
/// step they stopped. At most <see cref="MaxCurves"/> curves (the latest) and <see cref="MaxTotalPoints"/> points.
/// </summary>
public sealed class IntermediatePlot : Plot
{
    /// <summary>The most curves drawn (the latest trials with reports).</summary>
    public const int MaxCurves = 300;

    /// <summary>The most points of one curve (evenly spaced steps, the first and last kept).</summary>
    public const int MaxCurvePoints = 500;

    /// <summary>The most points of all curves together: long curves of many trials are thinned to share it.</summary>
    public const int MaxTotalPoints = 4 * MaxPoints;

    /// <inheritdoc />
    public override string Kind => "intermediate";

    /// <inheritdoc />
    public override string Title => "Intermediate values";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study) => study is not null && study.Trials.Any(t => t.IntermediateValues.Count > 0);

    /// <summary>The curves of every trial that reported a finite value, in number order.</summary>
    public static IReadOnlyList<IntermediateCurve> Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var curves = new List<IntermediateCurve>();
        foreach (var t in study.Trials)
        {
            var steps = new List<long>();
            var values = new List<double>();
            foreach (var (step, value) in t.IntermediateValues)
            {
                if (double.IsFinite(value))
                {
                    steps.Add(step);
                    values.Add(value);
                }
            }

            if (steps.Count > 0)
            {
                curves.Add(new IntermediateCurve(t.Number, t.State, steps, values));
            }
        }

        return curves;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var curves = Compute(study);
        var shown = curves.Skip(Math.Max(0, curves.Count - MaxCurves)).ToList();
        int perCurve = Math.Clamp(MaxTotalPoints / Math.Max(1, shown.Count), 2, MaxCurvePoints);
        int longest = shown.Count == 0 ? 0 : shown.Max(c => c.Steps.Count);
        var notes = new[]
        {
            shown.Count < curves.Count ? $"the latest {shown.Count} of {curves.Count} curves shown" : null,
            longest > perCurve ? $"each curve thinned to at most {perCurve} evenly spaced steps" : null,
        };
        var option = PlotValues.Frame(Title, string.Join("; ", notes.OfType<string>()));
        option["grid"] = new JsonObject { ["top"] = 80, ["left"] = 70, ["right"] = 30, ["bottom"] = 50 };
        option["legend"] = new JsonObject { ["top"] = 40, ["data"] = new JsonArray("complete", "pruned", "other") };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = "step", ["nameLocation"] = "middle", ["nameGap"] = 28 };
        option["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = "intermediate value", ["scale"] = true };
        var series = new JsonArray();
        foreach (var c in shown)
        {
            var points = PlotValues.Sample(Enumerable.Range(0, c.Steps.Count).ToList(), perCurve);
            var line = new JsonObject
            {
                ["name"] = c.Pruned ? "pruned" : c.State == TrialState.Complete ? "complete" : "other",
                ["id"] = $"trial-{c.Number}",
                ["type"] = "line",
                ["showSymbol"] = false,
                ["data"] = PlotValues.Array(points.Select(i => (JsonNode?)PlotValues.Numbers(c.Steps[i], c.Values[i]))),
                ["lineStyle"] = new JsonObject { ["width"] = 1, ["type"] = c.Pruned ? "dashed" : "solid" },
                ["tooltip"] = new JsonObject { ["formatter"] = $"trial {c.Number} ({c.State.ToString().ToLowerInvariant()})" },
            };
            line["color"] = c.Pruned ? "#d62728" : c.State == TrialState.Complete ? "#1f77b4" : "#7f7f7f";
            if (c.Pruned)
            {
                line["markPoint"] = new JsonObject
                {
                    ["symbol"] = "path://M0,0 L10,10 M10,0 L0,10",
                    ["symbolSize"] = 8,
                    ["itemStyle"] = new JsonObject { ["borderColor"] = "#d62728", ["borderWidth"] = 2 },
                    ["label"] = new JsonObject { ["show"] = false },
                    ["data"] = new JsonArray(new JsonObject { ["name"] = "pruned", ["coord"] = PlotValues.Numbers(c.Steps[^1], c.Values[^1]) }),
                };
            }

            series.Add(line);
        }

        option["series"] = series;
        return option;
    }
}
