using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>A trial in the rank plot.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="X">Its internal value of the most important parameter.</param>
/// <param name="Y">Its internal value of the second most important parameter, or its objective value when the study has one parameter.</param>
/// <param name="Value">Its objective value.</param>
/// <param name="Rank">Its rank among the Complete trials, 0 for the best and 1 for the worst (ties share the lower rank).</param>
public sealed record RankPoint(int Number, double X, double Y, double Value, double Rank);

/// <summary>
/// Rank plot (Optuna's <c>plot_rank</c>, for the pair that matters most): every Complete trial at its values of the two
/// most important parameters (<see cref="ParamImportancePlot"/>; with one parameter, against the objective), coloured
/// by its rank from best to worst, so the region that holds the good trials shows. Single-objective studies; at most
/// <see cref="Plot.MaxPoints"/> trials, the best tenth always among them.
/// </summary>
public sealed class RankPlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "rank";

    /// <inheritdoc />
    public override string Title => "Rank of the trials by the most important parameters";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return !study.IsMultiObjective && new ParamImportancePlot().AppliesTo(study);
    }

    /// <summary>The parameters on the axes (one or two) and the points, ranked. Throws <see cref="ArgumentException"/> when the plot does not apply.</summary>
    public static (IReadOnlyList<string> Params, IReadOnlyList<RankPoint> Points) Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.IsMultiObjective)
        {
            throw new ArgumentException("The rank plot needs a single-objective study.", nameof(study));
        }

        var names = ParamImportancePlot.Compute(study)[0].Importances.Select(p => p.Key).Take(2).ToList();
        var trials = study.Trials.Where(t => t.State == TrialState.Complete && t.Values is { Count: 1 } v && double.IsFinite(v[0])
            && names.All(t.InternalParams.ContainsKey)).ToList();
        var sign = study.Directions[0] == StudyDirection.Maximize ? -1.0 : 1.0;
        var sorted = trials.Select(t => sign * t.Values![0]).Order().ToArray();
        var shown = PlotValues.SampleKeepingBest(trials, MaxPoints, t => t.Values![0], study.Directions[0]);
        var points = shown.Select(t =>
        {
            double value = t.Values![0];
            int below = LowerBound(sorted, sign * value);
            double rank = sorted.Length > 1 ? below / (double)(sorted.Length - 1) : 0;
            double y = names.Count > 1 ? t.InternalParams[names[1]] : value;
            return new RankPoint(t.Number, t.InternalParams[names[0]], y, value, rank);
        }).ToList();
        return (names, points);
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        var (names, points) = Compute(study);
        int total = study.Trials.Count(t => t.State == TrialState.Complete);
        var option = PlotValues.Frame(Title, PlotValues.Shown(points.Count, total, "Complete trials", "the best tenth and an even sample"));
        var xDistribution = study.DistributionOf(names[0]);
        var yDistribution = names.Count > 1 ? study.DistributionOf(names[1]) : null;
        option["grid"] = new JsonObject { ["top"] = 70, ["left"] = 90, ["right"] = 110, ["bottom"] = 50 };
        option["xAxis"] = PlotValues.Axis(xDistribution, names[0]);
        var yAxis = names.Count > 1 ? PlotValues.Axis(yDistribution, names[1]) : new JsonObject { ["type"] = "value", ["name"] = "value", ["nameLocation"] = "middle", ["scale"] = true };
        yAxis["nameGap"] = 55; // clear of the tick labels
        option["yAxis"] = yAxis;
        option["visualMap"] = new JsonObject
        {
            ["type"] = "continuous",
            ["dimension"] = 2,
            ["min"] = 0,
            ["max"] = 1,
            ["text"] = new JsonArray("worst", "best"),
            ["right"] = 0,
            ["top"] = "middle",
            ["calculable"] = true,
            ["inRange"] = new JsonObject { ["color"] = new JsonArray("#a50026", "#f46d43", "#ffffbf", "#74add1", "#313695") },
        };
        option["series"] = new JsonArray(new JsonObject
        {
            ["type"] = "scatter",
            ["id"] = "rank",
            ["symbolSize"] = 7,
            ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)new JsonArray(
                xDistribution is null ? JsonValue.Create(p.X) : PlotValues.AxisValue(xDistribution, p.X),
                yDistribution is null ? JsonValue.Create(p.Y) : PlotValues.AxisValue(yDistribution, p.Y),
                JsonValue.Create(Math.Round(p.Rank, 4)),
                JsonValue.Create(p.Number),
                JsonValue.Create(p.Value)))),
        });
        return option;
    }

    // How many sorted losses are strictly below the given one.
    private static int LowerBound(double[] sorted, double loss)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < loss)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
