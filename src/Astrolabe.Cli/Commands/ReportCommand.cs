using System.CommandLine;
using Astrolabe.Dashboard;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe report</c>: a study as one self-contained HTML file with every plot and the trial table.</summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var output = new Option<FileInfo>("--out") { Description = "The HTML file to write.", Required = true };
        var command = new Command("report", "Write a study's plots and trial table as one HTML file that opens offline.") { study, output };
        command.SetAction(parse =>
        {
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var snapshot = StudySnapshot.Read(storage, parse.GetValue(study)!);
            var file = parse.GetValue(output)!;
            HtmlReport.WriteFile(snapshot, file.FullName);
            console.Error.WriteLine($"Wrote the report of '{snapshot.StudyName}' ({snapshot.Trials.Count} trials, {Plots.For(snapshot).Count} plots) to {file.FullName}.");
            return 0;
        });
        return command;
    }
}
