using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe studies</c>: one line per study.</summary>
internal static class StudiesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("studies", "List the studies in the storage: name, directions, trials, best value, start.");
        command.SetAction(parse =>
        {
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var table = new Table().AddColumns("study", "directions", "trials", "best", "started");
            foreach (var s in storage.GetAllStudies())
            {
                table.AddRow(
                    Markup.Escape(s.StudyName),
                    string.Join(",", s.Directions).ToLowerInvariant(),
                    s.TrialCount.ToString(CultureInfo.InvariantCulture),
                    s.BestValues is { } b ? string.Join(", ", b.Select(Format.Value)) : "-",
                    s.DatetimeStart?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
            }

            console.Ansi.Write(table);
            return 0;
        });
        return command;
    }
}
