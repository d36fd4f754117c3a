using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe tell</c>: finishes a trial started by <c>astrolabe ask</c>.</summary>
internal static class TellCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var trial = NumberOptions.WholeNumber("--trial", "The trial number printed by 'ask'.", min: 0);
        trial.Required = true;
        var values = new Option<double[]>("--value") { Description = "The objective value(s), one per direction.", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string>("--state") { Description = "complete (with --value), pruned or fail.", DefaultValueFactory = _ => "complete" };
        state.AcceptOnlyFromAmong("complete", "pruned", "fail");
        var command = new Command("tell", "Finish a trial with its value(s), or as pruned or failed.") { study, trial, values, state };
        command.SetAction(parse =>
        {
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var s = Study.Load(parse.GetValue(study)!, storage);
            var given = parse.GetValue(values) ?? [];
            var finalState = parse.GetValue(state) switch
            {
                "pruned" => TrialState.Pruned,
                "fail" => TrialState.Fail,
                _ => TrialState.Complete,
            };
            if (finalState == TrialState.Complete && given.Length == 0)
            {
                throw new ArgumentException("--value is required to tell a complete trial.");
            }

            var finished = s.Tell(parse.GetValue(trial)!.Value, finalState == TrialState.Complete ? given : null, finalState);
            console.Out.WriteLine($"Trial {finished.Number} is {finished.State.ToString().ToLowerInvariant()}.");
            return finished.State == finalState ? 0 : ExitCodes.UsageError;
        });
        return command;
    }
}
