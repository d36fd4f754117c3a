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
        var reference = new Option<string?>("--reference-point")
        {
            Description = "The hypervolume plot's reference point, one number per objective separated by commas, in the objectives' own directions (default: a tenth beyond the worst values).",
        };
        var command = new Command("plot", "Draw one plot of a study into a file.") { kind, study, output, width, height, reference };
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
            var plot = WithReference(Plots.Get(parse.GetValue(kind)!), parse.GetValue(reference), snapshot);
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

    /// <summary>The hypervolume plot against the reference point given; any other plot refuses one.</summary>
    private static Plot WithReference(Plot plot, string? text, StudySnapshot snapshot)
    {
        if (text is null)
        {
            return plot;
        }

        if (plot is not HypervolumeHistoryPlot)
        {
            throw new ArgumentException($"--reference-point applies to the hypervolume plot only, not to {plot.Kind}.");
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new ArgumentException($"--reference-point: '{parts[i]}' is not a finite number (give one number per objective, separated by commas).");
            }
        }

        if (values.Length != snapshot.Directions.Count)
        {
            throw new ArgumentException($"--reference-point has {values.Length} values; study '{snapshot.StudyName}' has {snapshot.Directions.Count} objectives.");
        }

        return new HypervolumeHistoryPlot(values);
    }

    private static string Needs(Plot plot) => plot.Kind switch
    {
        "pareto" or "hypervolume" => "several objectives",
        "contour" => "two parameters",
        "intermediate" => "reported intermediate values",
        "importance" => "two Complete trials, a parameter they share that varies and an objective that varies",
        "rank" => "one objective, two Complete trials, a parameter they share that varies and an objective that varies",
        _ => "parameters",
    };
}
