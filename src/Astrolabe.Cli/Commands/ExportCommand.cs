using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe export</c>: a study's trials as CSV or JSON.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: standard output)." };
        var command = new Command("export", "Export a study's trials as CSV or JSON.") { study, format, output };
        command.SetAction(parse =>
        {
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var loaded = StoredStudy.Load(storage, parse.GetValue(study)!);
            var trials = loaded.Trials();
            var file = parse.GetValue(output);
            if (parse.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                TrialExport.WriteJson(buffer, trials);
                string text = System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
                if (file is null)
                {
                    console.Out.Write(text);
                }
                else
                {
                    File.WriteAllText(file.FullName, text);
                }
            }
            else if (file is null)
            {
                TrialExport.WriteCsv(console.Out, trials, loaded.Directions.Count);
            }
            else
            {
                using var writer = new StreamWriter(file.FullName);
                TrialExport.WriteCsv(writer, trials, loaded.Directions.Count);
            }

            if (file is not null)
            {
                console.Error.WriteLine($"Wrote {trials.Count} trials to {file.FullName}.");
            }

            return 0;
        });
        return command;
    }
}
