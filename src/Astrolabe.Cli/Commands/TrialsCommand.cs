using System.CommandLine;

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

            console.Ansi.Write(TrialTable.Render(trials.ToList()));
            return 0;
        });
        return command;
    }
}
