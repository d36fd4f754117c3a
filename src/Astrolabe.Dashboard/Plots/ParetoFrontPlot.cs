using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>A Complete trial of a multi-objective study, and whether it is on the Pareto front.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Values">Its objective values.</param>
/// <param name="OnFront">True when it is feasible and no other feasible Complete trial dominates it.</param>
public sealed record ParetoPoint(int Number, IReadOnlyList<double> Values, bool OnFront)
{
    /// <summary>False when the trial violates one of its constraints (<see cref="FrozenTrial.IsFeasible"/>).</summary>
    public bool Feasible { get; init; } = true;
}

/// <summary>
/// Pareto front: every Complete trial in the plane of two objectives (the first two by default), the
/// non-dominated feasible ones (over all objectives) highlighted and the infeasible ones apart.
/// </summary>
public sealed class ParetoFrontPlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "pareto";

    /// <inheritdoc />
    public override string Title => "Pareto front";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study) => study is not null && study.IsMultiObjective;

    /// <summary>
    /// Every Complete trial with finite values, in number order, with its front membership. Runs in
    /// O(n log n + n·f) for a front of f trials: after sorting by the objectives (best first), a trial can only
    /// be dominated by one before it, and if it is, also by one on the front so far.
    /// </summary>
    public static IReadOnlyList<ParetoPoint> Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var dirs = study.Directions;
        var trials = study.Trials
            .Where(t => t.State == TrialState.Complete && t.Values is { } v && v.Count == dirs.Count && v.All(double.IsFinite))
            .ToList();
        var keys = trials.Select(t => t.Values!.Select((v, i) => dirs[i] == StudyDirection.Maximize ? -v : v).ToArray()).ToArray();
        var order = Enumerable.Range(0, trials.Count).ToArray();
        Array.Sort(order, (a, b) => Lexicographic(keys[a], keys[b]));
        var onFront = new bool[trials.Count];
        var front = new List<int>();
        foreach (int i in order)
        {
            if (trials[i].IsFeasible && !front.Any(f => Dominates(keys[f], keys[i])))
            {
                front.Add(i);
                onFront[i] = true;
            }
        }

        return trials.Select((t, i) => new ParetoPoint(t.Number, t.Values!, onFront[i]) { Feasible = t.IsFeasible }).ToList();
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!AppliesTo(study))
        {
            throw new ArgumentException($"The Pareto front needs several objectives; study '{study.StudyName}' has one.", nameof(study));
        }

        var points = Compute(study);
        var front = points.Where(p => p.OnFront).OrderBy(p => p.Values[0]).ToList();
        var others = points.Where(p => !p.OnFront && p.Feasible).ToList();
        var infeasible = points.Where(p => !p.Feasible).ToList();
        var shown = PlotValues.Sample(others, MaxPoints);
        string note = study.Directions.Count > 2 ? "first two objectives; front over all objectives" : $"{front.Count} trials on the front";
        var sampled = PlotValues.Shown(shown.Count, others.Count, "dominated trials");
        var option = PlotValues.Frame(Title, sampled is null ? note : $"{note}; {sampled}");
        option["legend"] = new JsonObject { ["top"] = 40 };
        option["grid"] = new JsonObject { ["top"] = 80, ["left"] = 70, ["right"] = 30, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = PlotValues.ObjectiveName(study, 0), ["nameLocation"] = "middle", ["nameGap"] = 28, ["scale"] = true };
        option["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = PlotValues.ObjectiveName(study, 1), ["scale"] = true };
        option["series"] = new JsonArray(
            Series("dominated", "#9ecae1", shown),
            Series("Pareto front", "#d62728", front));
        if (infeasible.Count > 0)
        {
            option["series"]!.AsArray().Add(Series("infeasible", "#cccccc", PlotValues.Sample(infeasible, MaxPoints)));
        }
        return option;
    }

    private static JsonObject Series(string name, string color, IEnumerable<ParetoPoint> points) => new()
    {
        ["type"] = "scatter",
        ["id"] = name switch { "dominated" => "dominated", "infeasible" => "infeasible", _ => "front" },
        ["name"] = name,
        ["color"] = color,
        ["symbolSize"] = 7,
        ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)PlotValues.Numbers(p.Values[0], p.Values[1], p.Number))),
    };

    private static int Lexicographic(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static bool Dominates(double[] a, double[] b)
    {
        bool better = false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }

            better |= a[i] < b[i];
        }

        return better;
    }
}
