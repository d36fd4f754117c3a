using System.Globalization;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>demo --objectives</c> and <c>--pick</c>: the measures a multi-objective model search trades (the task's score
/// first, then <c>bytes</c> and/or <c>latency</c>), and the rule that picks the model to retrain from the Pareto front.
/// </summary>
internal sealed class DemoObjectives
{
    private DemoObjectives(IReadOnlyList<string> names, IReadOnlyList<ModelMeasure> measures, PickRule? pick)
    {
        Names = names;
        Measures = measures;
        Pick = pick;
    }

    /// <summary>
    /// The space a search with several objectives draws from: the single-objective demo's, reaching down to models a
    /// quarter of its smallest (dense layers from 8 units, convolutions from 4 channels), and each model in fp32 or
    /// quantised to int8, where a size or latency objective finds the models worth trading a little accuracy for.
    /// </summary>
    public static ModelSpaceOptions CompactSpace { get; } = new() { MinUnits = 8, MinChannels = 4, Precisions = [ModelPrecision.Fp32, ModelPrecision.QInt8] };

    /// <summary>The objectives' names as the user wrote them, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The measures, in the same order; the first is the score.</summary>
    public IReadOnlyList<ModelMeasure> Measures { get; }

    /// <summary>The pick rule, or null for the most accurate model on the front.</summary>
    public PickRule? Pick { get; }

    /// <summary>
    /// Parses <c>--objectives</c> (e.g. <c>accuracy,bytes,latency</c>: the score — <c>accuracy</c>, the task's metric
    /// name or <c>score</c> — first, then any of <c>bytes</c> and <c>latency</c>) and <c>--pick</c> (e.g.
    /// <c>bytes&lt;=50000</c>); throws <see cref="ArgumentException"/> with the reason otherwise.
    /// </summary>
    public static DemoObjectives Parse(string text, string? pick, SearchTask task)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.ToLowerInvariant()).ToList();
        if (names.Count == 0 || !IsScore(names[0], task))
        {
            throw new ArgumentException($"--objectives must start with the score ('{task.MetricName}' on {task.Name}, or 'score'), then any of bytes, latency; got '{text}'.");
        }

        var measures = new List<ModelMeasure> { ModelMeasure.Score };
        foreach (string name in names.Skip(1))
        {
            measures.Add(name switch
            {
                "bytes" => ModelMeasure.Bytes,
                "latency" => ModelMeasure.Latency,
                _ => throw new ArgumentException($"Unknown objective '{name}' in --objectives; after the score use bytes and/or latency."),
            });
        }

        if (measures.Distinct().Count() != measures.Count)
        {
            throw new ArgumentException($"--objectives names an objective twice: '{text}'.");
        }

        return new DemoObjectives(names, measures, pick is null ? null : PickRule.Parse(pick, names));
    }

    private static bool IsScore(string name, SearchTask task) =>
        name == "score" || string.Equals(name, task.MetricName, StringComparison.OrdinalIgnoreCase) || (task.IsClassification && name == "accuracy");

    /// <summary>A rule <c>name op number</c> (op one of &lt;=, &lt;, &gt;=, &gt;) on one objective.</summary>
    internal sealed record PickRule(string Text, int Objective, string Operator, double Limit)
    {
        public static PickRule Parse(string text, IReadOnlyList<string> names)
        {
            var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^([A-Za-z_]+)\s*(<=|>=|<|>)\s*([-+0-9.eE]+)$");
            if (!match.Success || !double.TryParse(match.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double limit) || !double.IsFinite(limit))
            {
                throw new ArgumentException($"--pick '{text}' is not a rule like bytes<=50000 (an objective, one of <=, <, >=, >, and a number).");
            }

            string name = match.Groups[1].Value.ToLowerInvariant();
            int index = names.ToList().IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"--pick names '{name}', which is not one of the objectives ({string.Join(", ", names)}).");
            }

            return new PickRule(text, index, match.Groups[2].Value, limit);
        }

        public bool Holds(IReadOnlyList<double> values) => Operator switch
        {
            "<=" => values[Objective] <= Limit,
            "<" => values[Objective] < Limit,
            ">=" => values[Objective] >= Limit,
            _ => values[Objective] > Limit,
        };
    }
}
