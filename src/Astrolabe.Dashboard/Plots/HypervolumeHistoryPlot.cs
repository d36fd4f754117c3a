using System.Globalization;
using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>The hypervolume of a study's Complete trials up to and including trial <paramref name="Number"/>.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Hypervolume">The hypervolume of the feasible Complete trials numbered up to it.</param>
public sealed record HypervolumePoint(int Number, double Hypervolume);

/// <summary>
/// Hypervolume history (Optuna's <c>plot_hypervolume_history</c>): after each Complete trial, in number order, the
/// hypervolume (<see cref="Hypervolume"/>) that the feasible Complete trials so far dominate up to a reference point.
/// The reference point is in the objectives' own units and directions (a maximised objective's reference lies below
/// its values); without one, the plot takes the worst value of each objective over the feasible Complete trials and
/// moves it a tenth of the objective's range further (a tenth of its magnitude, or 0.1, when the range is zero).
/// Trials whose stored constraint values (system attribute <c>constraints</c>) are not all ≤ 0 count as infeasible and
/// add nothing, as do trials with a non-finite value. Applies to studies of several objectives with a Complete trial.
/// The volume is computed again after every trial that changes the front while the study has at most
/// <see cref="MaxEvaluations"/> Complete trials; beyond, only at that many evenly spaced trials (the last included),
/// each point holding the latest volume computed (exact volumes of fronts of three objectives and more cost
/// milliseconds each). Beyond <see cref="Plot.MaxPoints"/> trials the curve is sampled evenly, the last point always
/// included.
/// </summary>
public sealed class HypervolumeHistoryPlot : Plot
{
    /// <summary>The most trials after which the volume is computed.</summary>
    public const int MaxEvaluations = 200;

    private readonly double[]? referencePoint;

    /// <summary>The plot against <paramref name="referencePoint"/> (null: derived from the study as described above).</summary>
    public HypervolumeHistoryPlot(IReadOnlyList<double>? referencePoint = null)
    {
        if (referencePoint is not null && (referencePoint.Count == 0 || !referencePoint.All(double.IsFinite)))
        {
            throw new ArgumentException($"The reference point must hold one finite number per objective, not [{string.Join(", ", referencePoint)}].", nameof(referencePoint));
        }

        this.referencePoint = referencePoint?.ToArray();
    }

    /// <inheritdoc />
    public override string Kind => "hypervolume";

    /// <inheritdoc />
    public override string Title => "Hypervolume history";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.IsMultiObjective && study.Trials.Any(t => t.State == TrialState.Complete);
    }

    /// <summary>
    /// One point per Complete trial, in number order, against <paramref name="referencePoint"/> (null: derived). Throws
    /// <see cref="ArgumentException"/> for a study of one objective or a reference point of another length.
    /// </summary>
    public static IReadOnlyList<HypervolumePoint> Compute(StudySnapshot study, IReadOnlyList<double>? referencePoint = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!study.IsMultiObjective)
        {
            throw new ArgumentException($"The hypervolume history needs several objectives; study '{study.StudyName}' has one.", nameof(study));
        }

        int m = study.Directions.Count;
        if (referencePoint is not null && referencePoint.Count != m)
        {
            throw new ArgumentException($"The reference point has {referencePoint.Count} values; study '{study.StudyName}' has {m} objectives.", nameof(referencePoint));
        }

        var complete = study.Trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number).ToList();
        var usable = complete.Where(t => t.Values is { } v && v.Count == m && v.All(double.IsFinite) && Feasible(t)).ToList();
        var reference = Minimised(study, referencePoint ?? DefaultReference(study, usable));
        var front = new List<double[]>();
        var points = new List<HypervolumePoint>(complete.Count);
        double volume = 0;
        bool changed = false;
        var usableSet = usable.ToHashSet();
        for (int i = 0; i < complete.Count; i++)
        {
            var t = complete[i];
            if (usableSet.Contains(t))
            {
                var p = Minimised(study, t.Values!);
                if (!front.Any(f => WeaklyDominates(f, p)))
                {
                    front.RemoveAll(f => WeaklyDominates(p, f));
                    front.Add(p);
                    changed = true;
                }
            }

            if (changed && Evaluated(i, complete.Count))
            {
                volume = Hypervolume.Compute(front, reference);
                changed = false;
            }

            points.Add(new HypervolumePoint(t.Number, volume));
        }

        return points;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        var points = PlotValues.Sample(Compute(study, referencePoint), MaxPoints);
        string against = referencePoint is null ? "a reference point a tenth beyond the worst values" : $"the reference point ({string.Join(", ", referencePoint.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))})";
        var option = PlotValues.Frame(Title, $"the hypervolume of the feasible Complete trials so far against {against}");
        option["tooltip"] = new JsonObject { ["trigger"] = "axis" };
        option["grid"] = new JsonObject { ["top"] = 70, ["left"] = 70, ["right"] = 30, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = "trial", ["nameLocation"] = "middle", ["nameGap"] = 28, ["minInterval"] = 1 };
        option["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = "hypervolume", ["scale"] = true };
        option["series"] = new JsonArray(new JsonObject
        {
            ["name"] = "hypervolume",
            ["id"] = "hypervolume",
            ["type"] = "line",
            ["step"] = "end",
            ["showSymbol"] = false,
            ["data"] = PlotValues.Array(points.Select(p => (JsonNode?)PlotValues.Numbers(p.Number, p.Hypervolume))),
        });
        return option;
    }

    /// <summary>Whether the volume is computed after the <paramref name="i"/>-th of <paramref name="count"/> Complete trials.</summary>
    private static bool Evaluated(int i, int count) =>
        count <= MaxEvaluations || i == count - 1
        || (long)(i + 1) * MaxEvaluations / count != (long)i * MaxEvaluations / count;

    /// <summary>The worst value of each objective over the trials, a tenth of its range further (in its own direction).</summary>
    private static double[] DefaultReference(StudySnapshot study, List<FrozenTrial> usable)
    {
        int m = study.Directions.Count;
        var reference = new double[m];
        for (int j = 0; j < m; j++)
        {
            double sign = study.Directions[j] == StudyDirection.Maximize ? -1 : 1;
            if (usable.Count == 0)
            {
                reference[j] = 0;
                continue;
            }

            double worst = usable.Max(t => sign * t.Values![j]), best = usable.Min(t => sign * t.Values![j]);
            double margin = worst > best ? 0.1 * (worst - best) : Math.Max(0.1, 0.1 * Math.Abs(worst));
            reference[j] = sign * (worst + margin);
        }

        return reference;
    }

    private static double[] Minimised(StudySnapshot study, IReadOnlyList<double> values) =>
        [.. values.Select((v, j) => study.Directions[j] == StudyDirection.Maximize ? -v : v)];

    private static bool Feasible(FrozenTrial trial)
    {
        if (!trial.SystemAttrs.TryGetValue("constraints", out var stored) || stored is not System.Collections.IEnumerable values || stored is string)
        {
            return true;
        }

        foreach (object? v in values)
        {
            if (v is null || Convert.ToDouble(v, CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool WeaklyDominates(double[] a, double[] b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] > b[j])
            {
                return false;
            }
        }

        return true;
    }
}
