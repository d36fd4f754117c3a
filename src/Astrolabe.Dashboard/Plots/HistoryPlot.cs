using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>A Complete trial's value and the best value found up to and including it.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Value">Its objective value.</param>
/// <param name="BestSoFar">The best value among feasible Complete trials numbered up to this one (NaN before the first).</param>
public sealed record HistoryPoint(int Number, double Value, double BestSoFar);

/// <summary>
/// Optimization history: every Complete trial's value by trial number, with the best-so-far line. Beyond
/// <see cref="Plot.MaxPoints"/> trials the points are sampled: every improvement of the best value, the rest evenly.
/// </summary>
public sealed class HistoryPlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "history";

    /// <inheritdoc />
    public override string Title => "Optimization history";

    /// <summary>The history of one objective, in trial-number order (trials without a finite value are left out).</summary>
    public static IReadOnlyList<HistoryPoint> Compute(StudySnapshot study, int objective = 0)
    {
        ArgumentNullException.ThrowIfNull(study);
        PlotValues.CheckObjective(study, objective);
        var direction = study.Directions[objective];
        var points = new List<HistoryPoint>();
        double best = double.NaN;
        foreach (var t in study.Trials)
        {
            if (PlotValues.Objective(t, objective) is not { } v)
            {
                continue;
            }

            if (t.IsFeasible && (double.IsNaN(best) || StorageRules.IsBetter(v, best, direction)))
            {
                best = v;
            }

            points.Add(new HistoryPoint(t.Number, v, best));
        }

        return points;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var points = Compute(study);

        // Every improvement stays in the sample, and the best-so-far line needs only those points plus the last one.
        var improved = new bool[points.Count];
        var steps = new List<HistoryPoint>();
        for (int i = 0; i < points.Count; i++)
        {
            improved[i] = i == 0 || !points[i].BestSoFar.Equals(points[i - 1].BestSoFar); // NaN (no feasible trial yet) equals NaN here
            if (improved[i] || i == points.Count - 1)
            {
                steps.Add(points[i]);
            }
        }

        var shown = PlotValues.Sample(points, MaxPoints, improved);
        var line = PlotValues.Sample([.. steps.Where(p => !double.IsNaN(p.BestSoFar))], MaxPoints);
        var option = PlotValues.Frame(Title, PlotValues.Shown(shown.Count, points.Count, "trials", "every improvement, the rest evenly sampled"));
        option["legend"] = new JsonObject { ["top"] = 40 };
        option["grid"] = new JsonObject { ["top"] = 80, ["left"] = 70, ["right"] = 30, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = "trial", ["nameLocation"] = "middle", ["nameGap"] = 28, ["minInterval"] = 1 };
        option["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = PlotValues.ObjectiveName(study, 0), ["scale"] = true };
        option["series"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "value",
                ["id"] = "value",
                ["type"] = "scatter",
                ["symbolSize"] = 6,
                ["data"] = PlotValues.Array(shown.Select(p => (JsonNode?)PlotValues.Numbers(p.Number, p.Value))),
            },
            new JsonObject
            {
                ["name"] = "best so far",
                ["id"] = "best",
                ["type"] = "line",
                ["step"] = "end",
                ["showSymbol"] = false,
                ["data"] = PlotValues.Array(line.Select(p => (JsonNode?)PlotValues.Numbers(p.Number, p.BestSoFar))),
            });
        return option;
    }
}
