using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>The terminator's estimate of the room for improvement once the study had a number of Complete trials.</summary>
/// <param name="CompleteTrials">How many Complete trials (the first ones, in number order) were taken into account.</param>
/// <param name="Number">The number of the last of them.</param>
/// <param name="Improvement">The regret bound (<see cref="RegretBoundEvaluator"/>) of those trials, in the objective's units.</param>
public sealed record TerminatorImprovementPoint(int CompleteTrials, int Number, double Improvement);

/// <summary>
/// Terminator improvement (Optuna's <c>plot_terminator_improvement</c>): how much the best value could still improve,
/// as the <see cref="RegretBoundEvaluator"/> bounds it, after each number of Complete trials from
/// <see cref="MinTrials"/> on; a curve that has flattened near zero says further trials are unlikely to pay. Each
/// point fits a Gaussian process, so the plot applies to single-objective studies with <see cref="MinTrials"/> to
/// <see cref="MaxTrials"/> Complete trials and shows at most <see cref="MaxEvaluations"/> points, evenly spaced, the
/// last always included.
/// </summary>
public sealed class TerminatorImprovementPlot : Plot
{
    /// <summary>The fewest Complete trials the plot needs (the <see cref="Terminator"/>'s default minimum).</summary>
    public const int MinTrials = 20;

    /// <summary>The most Complete trials the plot is drawn for (each point's fit grows with the cube of the trials).</summary>
    public const int MaxTrials = 300;

    /// <summary>The most points of the curve.</summary>
    public const int MaxEvaluations = 30;

    /// <inheritdoc />
    public override string Kind => "terminator";

    /// <inheritdoc />
    public override string Title => "Terminator improvement";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        int complete = study.Trials.Count(t => t.State == TrialState.Complete);
        return !study.IsMultiObjective && complete is >= MinTrials and <= MaxTrials && Evaluable(study);
    }

    /// <summary>
    /// The curve: the regret bound of the first k Complete trials for at most <see cref="MaxEvaluations"/> evenly spaced
    /// k from <see cref="MinTrials"/> to all of them (seeded: the same study gives the same curve). Throws
    /// <see cref="ArgumentException"/> for a multi-objective study or one outside the plot's range of trials.
    /// </summary>
    public static IReadOnlyList<TerminatorImprovementPoint> Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        PlotValues.CheckObjective(study, 0);
        if (study.IsMultiObjective)
        {
            throw new ArgumentException("The terminator improvement plot needs a single-objective study.", nameof(study));
        }

        var complete = study.Trials.Where(t => t.State == TrialState.Complete).ToList();
        if (complete.Count is < MinTrials or > MaxTrials)
        {
            throw new ArgumentException($"The terminator improvement plot needs {MinTrials} to {MaxTrials} Complete trials; the study has {complete.Count}.", nameof(study));
        }

        var evaluator = new RegretBoundEvaluator(seed: 0);
        int span = complete.Count - MinTrials;
        var counts = Enumerable.Range(0, Math.Min(MaxEvaluations, span + 1))
            .Select(i => MinTrials + (int)Math.Round(i * (double)span / Math.Max(1, Math.Min(MaxEvaluations, span + 1) - 1)))
            .Distinct();
        return [.. counts.Select(k => new TerminatorImprovementPoint(k, complete[k - 1].Number, evaluator.Evaluate(complete.GetRange(0, k), study.Directions[0])))];
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        var points = Compute(study);
        var option = PlotValues.Frame(Title, "the regret bound of the first Complete trials (Optuna's RegretBoundEvaluator)");
        option["tooltip"] = new JsonObject { ["trigger"] = "axis" };
        option["grid"] = new JsonObject { ["top"] = 70, ["left"] = 70, ["right"] = 30, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = "trial", ["nameLocation"] = "middle", ["nameGap"] = 28, ["minInterval"] = 1 };
        option["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = "improvement", ["min"] = 0 };
        option["series"] = new JsonArray(new JsonObject
        {
            ["name"] = "improvement",
            ["id"] = "improvement",
            ["type"] = "line",
            ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)PlotValues.Numbers(p.Number, p.Improvement))),
        });
        return option;
    }

    // The evaluator needs a parameter with more than one value common to every Complete trial.
    private static bool Evaluable(StudySnapshot study)
    {
        var complete = study.Trials.Where(t => t.State == TrialState.Complete).ToList();
        return complete[0].Distributions.Any(p => !p.Value.IsSingle && complete.All(t => t.Distributions.TryGetValue(p.Key, out var d) && d.Equals(p.Value)));
    }
}
