using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>Trials as a terminal table, as <c>astrolabe trials</c> and the end-of-run leaderboard show them.</summary>
internal static class TrialTable
{
    /// <summary>A table of trials with one column per parameter seen.</summary>
    public static Table Render(IReadOnlyList<FrozenTrial> trials)
    {
        var names = trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        var table = new Table().AddColumns("#", "state", "value");
        foreach (var name in names)
        {
            table.AddColumn(Markup.Escape(name));
        }

        table.AddColumn("duration");
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
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
