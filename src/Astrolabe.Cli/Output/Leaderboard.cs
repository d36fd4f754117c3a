using System.Globalization;
using Spectre.Console;
using Astrolabe.Cli.Commands;

namespace Astrolabe.Cli;

/// <summary>The end-of-run summary: top trials, the best parameters and the time spent per trial.</summary>
internal static class Leaderboard
{
    public static void Print(CliConsole console, Study study, TimeSpan elapsed, int trialsThisRun, int top = 10)
    {
        var complete = study.GetTrials(TrialState.Complete);
        console.Out.WriteLine($"Study '{study.StudyName}': {study.Trials.Count} trials ({complete.Count} complete).");
        if (complete.Count == 0 || study.Directions.Count != 1)
        {
            return;
        }

        var ordered = study.Direction == StudyDirection.Minimize ? complete.OrderBy(t => t.Value) : complete.OrderByDescending(t => t.Value);
        console.Ansi.Write(new Rule("Leaderboard"));
        console.Ansi.Write(TrialsCommand.Render(ordered.Take(top).ToList()));
        var best = study.BestTrial;
        console.Out.WriteLine($"Best trial #{best.Number}: value {Format.Value(best.Value!.Value)}");
        foreach (var (name, value) in best.Params)
        {
            console.Out.WriteLine($"  {name} = {Format.Param(value)}");
        }

        if (trialsThisRun > 0)
        {
            double ms = elapsed.TotalMilliseconds / trialsThisRun;
            console.Out.WriteLine($"This run: {trialsThisRun} trials in {elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)}s ({ms.ToString("F2", CultureInfo.InvariantCulture)} ms per trial).");
        }
    }
}
