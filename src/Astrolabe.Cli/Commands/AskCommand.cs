using System.CommandLine;
using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe ask</c>: starts a trial and prints <c>{"trial": n, "params": {...}}</c> for scripts that
/// drive the loop themselves; finish it with <c>astrolabe tell</c>.
/// </summary>
internal static class AskCommand
{
    public static Command Create(CliConsole console)
    {
        var space = new Option<FileInfo>("--space") { Description = "The search-space file (see 'optimize --help').", Required = true };
        var study = CommonOptions.Study();
        var command = new Command("ask", "Start a trial and print its number and parameters as JSON (the study is created when missing).") { space, study };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(space)!;
            var spec = SpaceFileParser.Load(file.FullName);
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var s = Study.Create(new StudyOptions
            {
                StudyName = parse.GetValue(study),
                Directions = spec.Directions,
                Storage = storage,
                LoadIfExists = true,
                Sampler = Components.CreateSampler(spec.Sampler, file.Name),
            });
            var trial = s.Ask();
            var values = spec.Suggest(trial);
            console.Out.WriteLine(JsonValues.Serialize(new Dictionary<string, object?>
            {
                ["trial"] = trial.Number,
                ["params"] = values.ToDictionary(kv => kv.Key, kv => kv.Value),
            }));
            return 0;
        });
        return command;
    }
}
