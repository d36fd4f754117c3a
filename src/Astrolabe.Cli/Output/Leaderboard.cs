using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>The end-of-run summary: top trials, the best parameters, what this run did and why its failed trials failed.</summary>
internal static class Leaderboard
{
    public static void Print(CliConsole console, Study study, TimeSpan elapsed, RunTally run, int top = 10)
    {
        var complete = study.GetTrials(TrialState.Complete);
        console.Out.WriteLine($"Study '{study.StudyName}': {study.Trials.Count} trials ({complete.Count} complete).");
        if (complete.Count > 0 && study.Directions.Count == 1)
        {
            var ordered = study.Direction == StudyDirection.Minimize ? complete.OrderBy(t => t.Value) : complete.OrderByDescending(t => t.Value);
            console.Ansi.Write(new Rule("Leaderboard"));
            console.Ansi.Write(TrialTable.Render(ordered.Take(top).ToList()));
            var best = study.BestTrial;
            console.Out.WriteLine($"Best trial #{best.Number}: value {Format.Value(best.Value!.Value)}");
            foreach (var (name, value) in best.Params)
            {
                console.Out.WriteLine($"  {name} = {Format.Param(value)}");
            }
        }

        if (run.Finished > 0)
        {
            double ms = elapsed.TotalMilliseconds / run.Finished;
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"This run: {run.Finished} trials ({run.Complete} complete, {run.Pruned} pruned, {run.Failures.Count} failed) in {elapsed.TotalSeconds:F2}s ({ms:F2} ms per trial)."));
        }

        run.PrintFailures(console.Out);
    }
}
