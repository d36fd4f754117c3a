using System.Globalization;

namespace Astrolabe.Dashboard;

/// <summary>
/// A column of the trial table as a number per trial (NaN when the trial has none) for sorting and
/// comparing, plus the text of categorical cells for equality filters.
/// </summary>
internal sealed class TrialColumn
{
    private readonly Func<FrozenTrial, double> number;
    private readonly Func<string, double?> parse;

    private TrialColumn(string name, Func<FrozenTrial, double> number, Func<string, double?> parse)
    {
        Name = name;
        this.number = number;
        this.parse = parse;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The trial's value in this column, NaN when missing.</summary>
    public double Of(FrozenTrial trial) => number(trial);

    /// <summary>A filter literal as a value of this column; null when it names nothing in it.</summary>
    public double? Parse(string literal) => parse(literal);

    /// <summary>Resolves a column name; throws <see cref="ArgumentException"/> listing the columns otherwise.</summary>
    public static TrialColumn Resolve(StudySnapshot study, string name)
    {
        string key = name.Trim();
        switch (key.ToLowerInvariant())
        {
            case "number" or "#":
                return new TrialColumn(key, t => t.Number, Number);
            case "state":
                return new TrialColumn(key, t => (double)t.State, s => Enum.TryParse<TrialState>(s, ignoreCase: true, out var st) ? (double)st : null);
            case "duration":
                return new TrialColumn(key, t => t.Duration?.TotalSeconds ?? double.NaN, Number);
            case "start":
                return new TrialColumn(key, t => t.DatetimeStart?.ToUnixTimeMilliseconds() ?? double.NaN, Number);
            case "value":
                return Objective(key, 0);
            case "cpu":
                return new TrialColumn(key, t => TrialCost.Of(t)?.CpuSeconds ?? double.NaN, Number);
            case "energy":
                return new TrialColumn(key, t => TrialCost.Of(t)?.EnergyJoules ?? double.NaN, Number);
            case "feasible":
                return new TrialColumn(key, t => t.Constraints is null ? double.NaN : t.IsFeasible ? 1 : 0, s => s switch { "true" or "yes" or "1" => 1, "false" or "no" or "0" => 0, _ => null });
        }

        if (key.StartsWith("value", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(key.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < study.Directions.Count)
        {
            return Objective(key, index);
        }

        var distribution = study.DistributionOf(key)
            ?? throw new ArgumentException($"Unknown column '{key}'; use number, state, value, duration, start, cpu, energy, feasible or a parameter ({string.Join(", ", study.ParamNames())}).");
        Func<string, double?> parseParam = distribution is CategoricalDistribution c
            ? s => c.Choices.Select(PlotValues.Label).ToList().IndexOf(s) is int i and >= 0 ? i : null
            : Number;
        return new TrialColumn(key, t => t.InternalParams.TryGetValue(key, out double v) ? v : double.NaN, parseParam);
    }

    private static TrialColumn Objective(string name, int index) =>
        new(name, t => t.Values is { } v && index < v.Count ? v[index] : double.NaN, Number);

    private static double? Number(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
}
