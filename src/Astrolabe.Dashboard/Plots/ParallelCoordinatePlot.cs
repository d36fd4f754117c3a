using System.Globalization;
using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>One line of the parallel-coordinate plot: a Complete trial's parameters (internal values) and its value.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Params">The internal value of each plotted parameter, in the plot's parameter order.</param>
/// <param name="Value">The objective value.</param>
public sealed record ParallelLine(int Number, IReadOnlyList<double> Params, double Value);

/// <summary>
/// Parallel coordinates: one axis per parameter plus the objective, one line per Complete trial, coloured by value.
/// Beyond <see cref="Plot.MaxPoints"/> lines, the best tenth of that budget and an even sample of the rest are drawn.
/// </summary>
public sealed class ParallelCoordinatePlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "parallel";

    /// <inheritdoc />
    public override string Title => "Parallel coordinates";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study) => study is not null && study.ParamNames().Count > 0;

    /// <summary>
    /// The lines of Complete trials that have every parameter in <paramref name="paramNames"/>, in number order
    /// (a conditional parameter a trial did not use leaves that trial out).
    /// </summary>
    public static IReadOnlyList<ParallelLine> Compute(StudySnapshot study, IReadOnlyList<string> paramNames, int objective = 0)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(paramNames);
        PlotValues.CheckObjective(study, objective);
        var lines = new List<ParallelLine>();
        foreach (var t in study.Trials)
        {
            if (PlotValues.Objective(t, objective) is not { } v)
            {
                continue;
            }

            var values = new double[paramNames.Count];
            bool all = true;
            for (int i = 0; i < paramNames.Count && all; i++)
            {
                all = t.InternalParams.TryGetValue(paramNames[i], out values[i]);
            }

            if (all)
            {
                lines.Add(new ParallelLine(t.Number, values, v));
            }
        }

        return lines;
    }

    /// <summary>
    /// The parameters drawn as axes: those of the most common set of parameters among Complete trials (with
    /// conditional search spaces, a line needs a value on every axis), in first-seen order.
    /// </summary>
    public static IReadOnlyList<string> Axes(StudySnapshot study, int objective = 0)
    {
        ArgumentNullException.ThrowIfNull(study);
        var names = study.ParamNames();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var sets = new Dictionary<string, int>(StringComparer.Ordinal);
        var mask = new char[names.Count];
        foreach (var t in study.Trials)
        {
            if (PlotValues.Objective(t, objective) is null)
            {
                continue;
            }

            Array.Fill(mask, '0');
            foreach (string key in t.InternalParams.Keys)
            {
                mask[index[key]] = '1';
            }

            var signature = new string(mask);
            sets[signature] = sets.GetValueOrDefault(signature) + 1;
        }

        if (sets.Count == 0)
        {
            return names;
        }

        string common = sets.MaxBy(p => p.Value).Key;
        return names.Where((_, i) => common[i] == '1').ToList();
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var names = Axes(study);
        var dists = names.Select(study.DistributionOf).ToList();
        var lines = Compute(study, names);
        var shown = PlotValues.SampleKeepingBest(lines, MaxPoints, l => l.Value, study.Directions[0]);
        var left = study.ParamNames().Except(names).ToList();
        var notes = new[] { PlotValues.Shown(shown.Count, lines.Count, "trials", string.Create(CultureInfo.InvariantCulture, $"the best {PlotValues.BestShare(MaxPoints):N0}, the rest evenly sampled")), left.Count > 0 ? $"conditional parameters not on every line left out: {string.Join(", ", left)}" : null };
        var option = PlotValues.Frame(Title, string.Join("; ", notes.OfType<string>()));
        var axes = new JsonArray();
        for (int i = 0; i < names.Count; i++)
        {
            var axis = PlotValues.Axis(dists[i], names[i]);
            axis.Remove("nameLocation");
            axis.Remove("nameGap");
            axis["dim"] = i;
            axes.Add(axis);
        }

        axes.Add(new JsonObject { ["dim"] = names.Count, ["name"] = PlotValues.ObjectiveName(study, 0), ["type"] = "value", ["scale"] = true });
        option["parallelAxis"] = axes;
        option["parallel"] = new JsonObject { ["top"] = 90, ["left"] = 60, ["right"] = 90, ["bottom"] = 40 };
        if (lines.Count > 0)
        {
            option["visualMap"] = new JsonObject
            {
                ["type"] = "continuous",
                ["dimension"] = names.Count,
                ["min"] = lines.Min(l => l.Value),
                ["max"] = lines.Max(l => l.Value),
                ["right"] = 0,
                ["top"] = "middle",
                ["calculable"] = true,
                ["inRange"] = new JsonObject { ["color"] = new JsonArray("#313695", "#74add1", "#fdae61", "#a50026") },
            };
        }

        var data = shown.Select(l =>
        {
            var row = new JsonArray();
            for (int i = 0; i < names.Count; i++)
            {
                row.Add(PlotValues.AxisValue(dists[i]!, l.Params[i]));
            }

            row.Add(l.Value);
            return (JsonNode?)row;
        });
        option["series"] = new JsonArray(new JsonObject
        {
            ["type"] = "parallel",
            ["id"] = "trials",
            ["lineStyle"] = new JsonObject { ["width"] = 1, ["opacity"] = 0.5 },
            ["data"] = PlotValues.Array(data),
        });
        return option;
    }
}
