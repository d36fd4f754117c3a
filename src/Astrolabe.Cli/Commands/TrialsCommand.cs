using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe trials</c>: a study's trials as a table.</summary>
internal static class TrialsCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var state = new Option<TrialState[]>("--state") { Description = "Only trials in these states (complete, pruned, fail, running, waiting).", AllowMultipleArgumentsPerToken = true };
        var limit = NumberOptions.WholeNumber("--last", "Only the last N trials.", min: 1);
        var command = new Command("trials", "Show a study's trials: number, state, values, parameters, duration.") { study, state, limit };
        command.SetAction(parse =>
        {
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var loaded = StoredStudy.Load(storage, parse.GetValue(study)!);
            var states = parse.GetValue(state) ?? [];
            IEnumerable<FrozenTrial> trials = loaded.Trials(states);
            if (parse.GetValue(limit) is { } n)
            {
                trials = trials.TakeLast(n);
            }

            console.Ansi.Write(Render(trials.ToList()));
            return 0;
        });
        return command;
    }

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
