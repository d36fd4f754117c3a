namespace Astrolabe.Dashboard;

/// <summary>One row of the trial table.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="State">Its state, lower case.</param>
/// <param name="Values">Its objective values, or null.</param>
/// <param name="Params">Its parameters in user-facing form.</param>
/// <param name="DurationSeconds">Wall time from start to finish, when finished.</param>
/// <param name="Start">When it started.</param>
public sealed record TrialRow(int Number, string State, IReadOnlyList<double>? Values, IReadOnlyDictionary<string, object?> Params, double? DurationSeconds, DateTimeOffset? Start)
{
    /// <summary>The CPU seconds the trial's recorded cost attributes to it, or null when it recorded none.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>The energy in joules the trial's recorded cost attributes to it, or null when it recorded none.</summary>
    public double? EnergyJoules { get; init; }

    /// <summary>Whether the trial satisfies its constraints; null when it has no constraint values.</summary>
    public bool? Feasible { get; init; }
}

/// <summary>One page of the trial table with aggregates over every matching trial (not only the page).</summary>
/// <param name="Total">Trials in the study.</param>
/// <param name="Matched">Trials matching the filter.</param>
/// <param name="Offset">The offset of the first row.</param>
/// <param name="Params">Every parameter column, in first-seen order.</param>
/// <param name="Objectives">How many objective values a trial has.</param>
/// <param name="StateCounts">Matching trials per state (lower-case state names).</param>
/// <param name="Best">The best value among matching Complete trials (single objective only), or null.</param>
/// <param name="Rows">The page's rows.</param>
public sealed record TrialPage(
    int Total,
    int Matched,
    int Offset,
    IReadOnlyList<string> Params,
    int Objectives,
    IReadOnlyDictionary<string, int> StateCounts,
    double? Best,
    IReadOnlyList<TrialRow> Rows)
{
    /// <summary>Whether any trial of the study recorded its cost: the table then has cpu and energy columns.</summary>
    public bool HasCost { get; init; }

    /// <summary>Whether any trial of the study has constraint values: the table then has a feasible column.</summary>
    public bool HasConstraints { get; init; }
}
