using System.CommandLine;
using Astrolabe.Dashboard;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe plot &lt;kind&gt;</c>: one plot of a study as SVG, PNG (both drawn in headless Chromium) or HTML.</summary>
internal static class PlotCommand
{
    public static Command Create(CliConsole console)
    {
        var kind = new Argument<string>("kind") { Description = $"The plot: {string.Join(", ", Plots.All.Select(p => p.Kind))}." };
        kind.AcceptOnlyFromAmong(Plots.All.Select(p => p.Kind).ToArray());
        var study = CommonOptions.Study();
        var output = new Option<FileInfo>("--out") { Description = "The file to write: .svg, .png (need Chromium) or .html.", Required = true };
        var width = NumberOptions.WholeNumber("--width", "Width in pixels.", defaultValue: 1000, min: 1);
        var height = NumberOptions.WholeNumber("--height", "Height in pixels.", defaultValue: 600, min: 1);
        var command = new Command("plot", "Draw one plot of a study into a file.") { kind, study, output, width, height };
        command.SetAction(parse =>
        {
            int w = parse.GetValue(width), h = parse.GetValue(height);
            if (w is < 100 or > 10000 || h is < 100 or > 10000)
            {
                throw new ArgumentException($"--width and --height must be in [100, 10000], got {w}×{h}.");
            }

            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var snapshot = StudySnapshot.Read(storage, parse.GetValue(study)!);
            var plot = Plots.Get(parse.GetValue(kind)!);
            if (!plot.AppliesTo(snapshot))
            {
                throw new ArgumentException($"The {plot.Kind} plot does not apply to study '{snapshot.StudyName}' (it needs {Needs(plot)}).");
            }

            var file = parse.GetValue(output)!;
            try
            {
                ChartFile.Write(snapshot, plot, file.FullName, w, h);
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException(e.Message, e);
            }

            console.Error.WriteLine($"Wrote the {plot.Kind} plot of '{snapshot.StudyName}' to {file.FullName}.");
            return 0;
        });
        return command;
    }

    private static string Needs(Plot plot) => plot.Kind switch
    {
        "pareto" => "several objectives",
        "contour" => "two parameters",
        "intermediate" => "reported intermediate values",
        "importance" => "two Complete trials, a parameter they share that varies and an objective that varies",
        "rank" => "one objective, two Complete trials, a parameter they share that varies and an objective that varies",
        _ => "parameters",
    };
}
