using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>A point of an empirical distribution function: the fraction of values at or below <paramref name="Value"/>.</summary>
/// <param name="Value">An observed objective value.</param>
/// <param name="Fraction">The fraction of Complete trials with a value ≤ it.</param>
public sealed record EdfPoint(double Value, double Fraction);

/// <summary>Empirical distribution function of the objective over Complete trials.</summary>
public sealed class EdfPlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "edf";

    /// <inheritdoc />
    public override string Title => "Empirical distribution of the objective";

    /// <summary>
    /// The EDF as a step function: one point per distinct value, ascending (its fraction counts every value
    /// ≤ it); at most <paramref name="maxPoints"/> points, chosen at evenly spaced ranks.
    /// </summary>
    public static IReadOnlyList<EdfPoint> Compute(StudySnapshot study, int objective = 0, int maxPoints = MaxPoints)
    {
        ArgumentNullException.ThrowIfNull(study);
        PlotValues.CheckObjective(study, objective);
        var values = study.Trials.Select(t => PlotValues.Objective(t, objective)).OfType<double>().ToArray();
        Array.Sort(values);
        var points = new List<EdfPoint>();
        for (int i = 0; i < values.Length; i++)
        {
            if (i + 1 == values.Length || values[i + 1] != values[i])
            {
                points.Add(new EdfPoint(values[i], (i + 1) / (double)values.Length));
            }
        }

        return PlotValues.Sample(points, maxPoints);
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var points = Compute(study);
        var option = PlotValues.Frame(Title);
        option["tooltip"] = new JsonObject { ["trigger"] = "axis" };
        option["grid"] = new JsonObject { ["top"] = 70, ["left"] = 70, ["right"] = 30, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = PlotValues.ObjectiveName(study, 0), ["nameLocation"] = "middle", ["nameGap"] = 28, ["scale"] = true };
        option["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = "cumulative probability", ["min"] = 0, ["max"] = 1 };
        option["series"] = new JsonArray(new JsonObject
        {
            ["type"] = "line",
            ["id"] = "edf",
            ["step"] = "end",
            ["showSymbol"] = false,
            ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)PlotValues.Numbers(p.Value, p.Fraction))),
        });
        return option;
    }
}
