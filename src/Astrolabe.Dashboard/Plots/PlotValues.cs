using System.Globalization;
using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>Shared pieces of plot computation: objective values, parameter axes, sampling and option skeletons.</summary>
internal static class PlotValues
{
    /// <summary>The objective value of a Complete trial, or null when it has none or it is not finite.</summary>
    public static double? Objective(FrozenTrial trial, int objective) =>
        trial.State == TrialState.Complete && trial.Values is { } v && objective < v.Count && double.IsFinite(v[objective]) ? v[objective] : null;

    /// <summary>The label of an objective: "value" for one objective, "value i" for several.</summary>
    public static string ObjectiveName(StudySnapshot study, int objective) => study.IsMultiObjective ? $"value {objective}" : "value";

    /// <summary>Checks an objective index against the study.</summary>
    public static void CheckObjective(StudySnapshot study, int objective)
    {
        if (objective < 0 || objective >= study.Directions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(objective), objective, $"The study has {study.Directions.Count} objective(s); objective must be in [0, {study.Directions.Count - 1}].");
        }
    }

    /// <summary>At most <paramref name="max"/> items, evenly spaced, keeping the first and the last.</summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int max)
    {
        if (items.Count <= max)
        {
            return items;
        }

        var result = new List<T>(max);
        for (int i = 0; i < max; i++)
        {
            result.Add(items[Spaced(i, max, items.Count)]);
        }

        return result;
    }

    /// <summary>
    /// Exactly <paramref name="max"/> items (all of them when there are no more), in their order: every item
    /// <paramref name="keep"/> marks, and the rest evenly spaced over the unmarked items, their first and last
    /// included. When the marked items alone exceed <paramref name="max"/>, an even sample of them. Deterministic.
    /// </summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int max, bool[] keep)
    {
        if (items.Count <= max)
        {
            return items;
        }

        var kept = Enumerable.Range(0, items.Count).Where(i => keep[i]).ToList();
        if (kept.Count >= max)
        {
            return Sample(kept, max).Select(i => items[i]).ToList();
        }

        var chosen = (bool[])keep.Clone();
        foreach (int i in Sample(Enumerable.Range(0, items.Count).Where(i => !keep[i]).ToList(), max - kept.Count))
        {
            chosen[i] = true;
        }

        return Enumerable.Range(0, items.Count).Where(i => chosen[i]).Select(i => items[i]).ToList();
    }

    /// <summary>Marks the <paramref name="count"/> best of <paramref name="values"/> for <paramref name="direction"/> (the earliest on ties).</summary>
    public static bool[] Best(IReadOnlyList<double> values, StudyDirection direction, int count)
    {
        var order = Enumerable.Range(0, values.Count).ToArray();
        int sign = direction == StudyDirection.Maximize ? -1 : 1;
        System.Array.Sort(order, (a, b) =>
        {
            int c = sign * values[a].CompareTo(values[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var best = new bool[values.Count];
        foreach (int i in order.Take(count))
        {
            best[i] = true;
        }

        return best;
    }

    /// <summary>How many of a sample's points go to the best items: a tenth.</summary>
    public static int BestShare(int max) => Math.Max(1, max / 10);

    /// <summary>
    /// At most <paramref name="max"/> items: the <see cref="BestShare"/> best by <paramref name="value"/> for
    /// <paramref name="direction"/>, the rest evenly sampled (see <see cref="Sample{T}(IReadOnlyList{T}, int, bool[])"/>).
    /// </summary>
    public static IReadOnlyList<T> SampleKeepingBest<T>(IReadOnlyList<T> items, int max, Func<T, double> value, StudyDirection direction) =>
        items.Count <= max ? items : Sample(items, max, Best(items.Select(value).ToList(), direction, BestShare(max)));

    /// <summary>The <paramref name="i"/>-th of <paramref name="slots"/> indices evenly spaced over [0, count), 0 and count − 1 included.</summary>
    private static int Spaced(int i, int slots, int count) => slots == 1 ? 0 : (int)((long)i * (count - 1) / (slots - 1));

    /// <summary>A parameter value as the chart wants it: a number, or the category's label.</summary>
    public static JsonNode? AxisValue(Distribution distribution, double internalValue) => distribution switch
    {
        CategoricalDistribution c => JsonValue.Create(Label(c.Choices[(int)internalValue])),
        _ => JsonValue.Create(internalValue),
    };

    /// <summary>The label of a categorical choice.</summary>
    public static string Label(object? choice) => choice switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => choice.ToString() ?? "",
    };

    /// <summary>An axis fitting a parameter's distribution: categories, a log axis, or a value axis.</summary>
    public static JsonObject Axis(Distribution? distribution, string name)
    {
        var axis = new JsonObject { ["name"] = name, ["nameLocation"] = "middle", ["nameGap"] = 28, ["scale"] = true };
        switch (distribution)
        {
            case CategoricalDistribution c:
                axis["type"] = "category";
                axis["data"] = new JsonArray(c.Choices.Select(x => (JsonNode?)JsonValue.Create(Label(x))).ToArray());
                break;
            case FloatDistribution { Log: true }:
            case IntDistribution { Log: true }:
                axis["type"] = "log";
                break;
            default:
                axis["type"] = "value";
                break;
        }

        return axis;
    }

    /// <summary>The common frame of every option: title (with a note on sampling), tooltip, no animation.</summary>
    public static JsonObject Frame(string title, string? subtitle = null) => new()
    {
        ["title"] = new JsonObject { ["text"] = title, ["subtext"] = subtitle ?? "", ["left"] = "center" },
        ["tooltip"] = new JsonObject { ["trigger"] = "item" },
        ["animation"] = false,
    };

    /// <summary>"shown of total … (how)" when sampled, otherwise null.</summary>
    public static string? Shown(int shown, int total, string what, string how = "evenly sampled") =>
        shown < total ? string.Create(CultureInfo.InvariantCulture, $"{shown:N0} of {total:N0} {what} shown ({how})") : null;

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(params double[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>A JSON array of nodes.</summary>
    public static JsonArray Array(IEnumerable<JsonNode?> nodes) => new(nodes.ToArray());
}
