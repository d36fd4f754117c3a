using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>What the study had spent once trial <paramref name="Number"/> finished, over all trials up to it.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="CpuSeconds">CPU seconds of the trials numbered up to it.</param>
/// <param name="EnergyWattHours">Their energy in Wh (measured or estimated, as recorded).</param>
/// <param name="Co2eGrams">Their emissions.</param>
public sealed record CostPoint(int Number, double CpuSeconds, double EnergyWattHours, double Co2eGrams);

/// <summary>
/// Cumulative cost: the CPU seconds and the energy the study's trials spent, summed in trial-number order, from the
/// cost each trial recorded (<see cref="TrialCost"/>; trials without one add nothing). Applies to studies with at
/// least one recorded cost. Beyond <see cref="Plot.MaxPoints"/> trials the curve is sampled evenly, the last point
/// always included.
/// </summary>
public sealed class CostPlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "cost";

    /// <inheritdoc />
    public override string Title => "Cumulative cost";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.Trials.Any(t => t.SystemAttrs.ContainsKey(TrialCost.AttributeKey));
    }

    /// <summary>The running totals, one point per trial with a recorded cost, in trial-number order.</summary>
    public static IReadOnlyList<CostPoint> Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var points = new List<CostPoint>();
        double cpu = 0, wattHours = 0, co2 = 0;
        foreach (var t in study.Trials.OrderBy(t => t.Number))
        {
            if (TrialCost.Of(t) is not { } cost)
            {
                continue;
            }

            cpu += cost.CpuSeconds;
            wattHours += cost.EnergyJoules / 3600;
            co2 += cost.Co2eGrams;
            points.Add(new CostPoint(t.Number, cpu, wattHours, co2));
        }

        return points;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        var points = Sample(Compute(study));
        var option = PlotValues.Frame(Title, "CPU seconds and energy of all trials up to each one (energy measured by RAPL or estimated)");
        option["tooltip"] = new JsonObject { ["trigger"] = "axis" };
        option["legend"] = new JsonObject { ["top"] = 40 };
        option["grid"] = new JsonObject { ["top"] = 80, ["left"] = 70, ["right"] = 70, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = "trial", ["nameLocation"] = "middle", ["nameGap"] = 28, ["minInterval"] = 1 };
        option["yAxis"] = new JsonArray(
            new JsonObject { ["type"] = "value", ["name"] = "CPU s", ["min"] = 0 },
            new JsonObject { ["type"] = "value", ["name"] = "Wh", ["min"] = 0 });
        option["series"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "CPU seconds",
                ["id"] = "cpu",
                ["type"] = "line",
                ["showSymbol"] = false,
                ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)PlotValues.Numbers(p.Number, p.CpuSeconds))),
            },
            new JsonObject
            {
                ["name"] = "energy (Wh)",
                ["id"] = "energy",
                ["type"] = "line",
                ["yAxisIndex"] = 1,
                ["showSymbol"] = false,
                ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)PlotValues.Numbers(p.Number, p.EnergyWattHours))),
            });
        return option;
    }

    private static List<CostPoint> Sample(IReadOnlyList<CostPoint> points)
    {
        if (points.Count <= MaxPoints)
        {
            return [.. points];
        }

        var sample = new List<CostPoint>(MaxPoints);
        for (int i = 0; i < MaxPoints - 1; i++)
        {
            sample.Add(points[(int)((long)i * (points.Count - 1) / (MaxPoints - 1))]);
        }

        sample.Add(points[^1]);
        return sample;
    }
}
