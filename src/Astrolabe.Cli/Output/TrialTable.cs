using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>Trials as a terminal table, as <c>astrolabe trials</c> and the end-of-run leaderboard show them.</summary>
internal static class TrialTable
{
    /// <summary>
    /// A table of trials with one column per parameter seen, and the CPU seconds and energy of each trial when any
    /// recorded its cost, and whether it is feasible when any has constraint values.
    /// </summary>
    public static Table Render(IReadOnlyList<FrozenTrial> trials)
    {
        var names = trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        var table = new Table().AddColumns("#", "state", "value");
        foreach (var name in names)
        {
            table.AddColumn(Markup.Escape(name));
        }

        table.AddColumn("duration");
        bool costs = trials.Any(t => TrialCost.Of(t) is not null);
        bool constrained = trials.Any(t => t.Constraints is not null);
        if (constrained)
        {
            table.AddColumn("feasible");
        }

        if (costs)
        {
            table.AddColumns("cpu s", "energy J");
        }
        foreach (var t in trials)
        {
            var cells = new List<string>
            {
                t.Number.ToString(CultureInfo.InvariantCulture),
                t.State.ToString().ToLowerInvariant(),
                t.Values is null ? "-" : string.Join(", ", t.Values.Select(Format.Value)),
            };
            cells.AddRange(names.Select(n => t.Params.TryGetValue(n, out var v) ? Markup.Escape(Format.Param(v)) : ""));
            cells.Add(t.Duration is { } d ? $"{d.TotalSeconds:F2}s" : "-");
            if (constrained)
            {
                cells.Add(t.Constraints is null ? "-" : t.IsFeasible ? "yes" : "no");
            }

            if (costs)
            {
                var cost = TrialCost.Of(t);
                cells.Add(cost is null ? "-" : cost.CpuSeconds.ToString("F2", CultureInfo.InvariantCulture));
                cells.Add(cost is null ? "-" : cost.EnergyJoules.ToString("G3", CultureInfo.InvariantCulture));
            }
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
