using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>One point of a slice panel: a Complete trial's value against one parameter's internal value.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Param">The parameter's internal value (category index for a categorical one).</param>
/// <param name="Value">The objective value.</param>
public sealed record SlicePoint(int Number, double Param, double Value);

/// <summary>
/// Slice plot: one panel per parameter, the objective against that parameter, coloured by trial number. The panels
/// share <see cref="Plot.MaxPoints"/> points; a panel with more than its share keeps its best points (a tenth of the
/// share) and an even sample of the rest.
/// </summary>
public sealed class SlicePlot : Plot
{
    private const int Columns = 3;

    /// <inheritdoc />
    public override string Kind => "slice";

    /// <inheritdoc />
    public override string Title => "Slice";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study) => study is not null && study.ParamNames().Count > 0;

    /// <summary>The points of one parameter's panel: Complete trials that used it, in number order.</summary>
    public static IReadOnlyList<SlicePoint> Compute(StudySnapshot study, string param, int objective = 0)
    {
        ArgumentNullException.ThrowIfNull(study);
        PlotValues.CheckObjective(study, objective);
        var points = new List<SlicePoint>();
        foreach (var t in study.Trials)
        {
            if (PlotValues.Objective(t, objective) is { } v && t.InternalParams.TryGetValue(param, out double x))
            {
                points.Add(new SlicePoint(t.Number, x, v));
            }
        }

        return points;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var names = study.ParamNames();
        int rows = Math.Max(1, (names.Count + Columns - 1) / Columns);
        int columns = Math.Min(Columns, Math.Max(1, names.Count));
        var grids = new JsonArray();
        var xAxes = new JsonArray();
        var yAxes = new JsonArray();
        var series = new JsonArray();
        int total = 0, shownTotal = 0;
        int budget = Math.Max(1, MaxPoints / Math.Max(1, names.Count));
        for (int i = 0; i < names.Count; i++)
        {
            var dist = study.DistributionOf(names[i])!;
            var points = Compute(study, names[i]);
            var shown = PlotValues.SampleKeepingBest(points, budget, p => p.Value, study.Directions[0]);
            total += points.Count;
            shownTotal += shown.Count;
            int row = i / Columns, col = i % Columns;
            grids.Add(new JsonObject
            {
                ["left"] = $"{(col * 100.0 / columns) + 6:F1}%",
                ["width"] = $"{(100.0 / columns) - 9:F1}%",
                ["top"] = $"{(row * 88.0 / rows) + 14:F1}%",
                ["height"] = $"{(88.0 / rows) - 14:F1}%",
            });
            var x = PlotValues.Axis(dist, names[i]);
            x["gridIndex"] = i;
            xAxes.Add(x);
            yAxes.Add(new JsonObject
            {
                ["type"] = "value",
                ["gridIndex"] = i,
                ["scale"] = true,
                ["name"] = i % Columns == 0 ? PlotValues.ObjectiveName(study, 0) : "",
                ["axisLine"] = new JsonObject { ["onZero"] = false },
            });
            series.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["id"] = $"slice-{names[i]}",
                ["name"] = names[i],
                ["xAxisIndex"] = i,
                ["yAxisIndex"] = i,
                ["symbolSize"] = 5,
                ["data"] = PlotValues.Array(shown.Select(p => (JsonNode?)new JsonArray(PlotValues.AxisValue(dist, p.Param), p.Value, p.Number))),
            });
        }

        var option = PlotValues.Frame(Title, PlotValues.Shown(shownTotal, total, "points", "the best tenth of each panel's share, the rest evenly sampled"));
        option["grid"] = grids;
        option["xAxis"] = xAxes;
        option["yAxis"] = yAxes;
        option["series"] = series;
        if (study.Trials.Count > 0)
        {
            option["visualMap"] = new JsonObject
            {
                ["type"] = "continuous",
                ["dimension"] = 2,
                ["min"] = 0,
                ["max"] = Math.Max(1, study.Trials[^1].Number),
                ["text"] = new JsonArray("late", "early"),
                ["show"] = false,
                ["inRange"] = new JsonObject { ["color"] = new JsonArray("#c6dbef", "#08306b") },
            };
        }

        return option;
    }
}
