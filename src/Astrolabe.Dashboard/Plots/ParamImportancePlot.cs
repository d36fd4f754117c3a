using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>The importances of the parameters for one objective.</summary>
/// <param name="Objective">The objective's index.</param>
/// <param name="Importances">Each parameter's share, summing to 1, the most important first.</param>
public sealed record ParamImportanceSeries(int Objective, IReadOnlyList<KeyValuePair<string, double>> Importances);

/// <summary>
/// Hyperparameter importances (Optuna's <c>plot_param_importances</c>): one horizontal bar per parameter, the most
/// important on top, fANOVA (<see cref="FanovaImportanceEvaluator"/>, seed 0) over the Complete trials; for several
/// objectives one bar per objective. A study of more than <see cref="MaxTrials"/> Complete trials is judged on an even
/// sample of them (the subtitle says so), which keeps the forest under a second. Applies when at least two Complete
/// trials share a parameter that varies and the objective varies.
/// </summary>
public sealed class ParamImportancePlot : Plot
{
    /// <summary>The most Complete trials the importances are computed over.</summary>
    public const int MaxTrials = 1000;

    /// <inheritdoc />
    public override string Kind => "importance";

    /// <inheritdoc />
    public override string Title => "Hyperparameter importance";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var complete = Complete(study);
        if (complete.Count < 2 || complete.Select(t => t.Values![0]).Distinct().Count() < 2)
        {
            return false;
        }

        return complete[0].Distributions.Any(p => !p.Value.IsSingle
            && complete.All(t => t.Distributions.TryGetValue(p.Key, out var d) && d.Equals(p.Value))
            && complete.Any(t => t.InternalParams[p.Key] != complete[0].InternalParams[p.Key]));
    }

    /// <summary>
    /// The importances for each objective that varies (seeded: the same study gives the same bars). Throws
    /// <see cref="ArgumentException"/> when the plot does not apply.
    /// </summary>
    public static IReadOnlyList<ParamImportanceSeries> Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var trials = PlotValues.Sample(Complete(study), MaxTrials);
        var result = new List<ParamImportanceSeries>();
        ArgumentException? first = null;
        for (int objective = 0; objective < study.Directions.Count; objective++)
        {
            try
            {
                var importances = ParamImportances.FromTrials(trials, study.Directions, new FanovaImportanceEvaluator(seed: 0), target: ImportanceTarget.Objective(objective));
                result.Add(new ParamImportanceSeries(objective, [.. importances]));
            }
            catch (ArgumentException e)
            {
                first ??= e;
            }
        }

        return result.Count > 0 ? result : throw first!;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        var series = Compute(study);
        int total = Complete(study).Count;
        var option = PlotValues.Frame(Title, PlotValues.Shown(Math.Min(total, MaxTrials), total, "Complete trials") ?? "fANOVA over the Complete trials");

        // The first objective's order, most important on top (ECharts draws categories bottom-up).
        var names = series[0].Importances.Select(p => p.Key).Reverse().ToList();
        option["tooltip"] = new JsonObject { ["trigger"] = "axis", ["axisPointer"] = new JsonObject { ["type"] = "shadow" } };
        option["grid"] = new JsonObject { ["top"] = 70, ["left"] = 20, ["right"] = 50, ["bottom"] = 40, ["containLabel"] = true };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = "importance", ["nameLocation"] = "middle", ["nameGap"] = 26, ["min"] = 0 };
        option["yAxis"] = new JsonObject { ["type"] = "category", ["data"] = new JsonArray([.. names.Select(n => (JsonNode?)JsonValue.Create(n))]) };
        if (series.Count > 1)
        {
            option["legend"] = new JsonObject { ["top"] = 45 };
        }

        option["series"] = PlotValues.Array(series.Select(s =>
        {
            var values = s.Importances.ToDictionary(p => p.Key, p => p.Value);
            return (JsonNode?)new JsonObject
            {
                ["type"] = "bar",
                ["id"] = $"importance-{s.Objective}",
                ["name"] = PlotValues.ObjectiveName(study, s.Objective),
                ["label"] = new JsonObject { ["show"] = true, ["position"] = "right", ["formatter"] = "{c}" },
                ["data"] = PlotValues.Array(names.Select(n => (JsonNode?)JsonValue.Create(Math.Round(values.GetValueOrDefault(n), 3)))),
            };
        }));
        return option;
    }

    private static List<FrozenTrial> Complete(StudySnapshot study) =>
        [.. study.Trials.Where(t => t.State == TrialState.Complete && t.Values is { Count: > 0 } v && v.All(double.IsFinite))];
}
