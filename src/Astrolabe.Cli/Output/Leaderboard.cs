using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>The end-of-run summary: top trials, the best parameters, what this run did and why its failed trials failed.</summary>
internal static class Leaderboard
{
    /// <summary>The study's recorded cost over all its trials and workers, as one line; null when no trial recorded one.</summary>
    public static string? CostLine(IReadOnlyList<FrozenTrial> trials)
    {
        var costs = trials.Select(TrialCost.Of).OfType<TrialCost>().ToList();
        if (costs.Count == 0)
        {
            return null;
        }

        double cpu = costs.Sum(c => c.CpuSeconds), joules = costs.Sum(c => c.EnergyJoules), co2 = costs.Sum(c => c.Co2eGrams);
        long flops = costs.Sum(c => c.Flops ?? 0);
        string method = costs.All(c => c.Method == EnergyMethod.Rapl) ? "measured" : "estimated";
        return string.Create(CultureInfo.InvariantCulture,
            $"Cost of the study ({costs.Count} trials): {cpu:F1} CPU s, {joules / 3.6e6:G3} kWh ({method}), {co2:G3} g CO2e{(flops > 0 ? $", {flops:G3} FLOPs" : "")}.");
    }

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

        if (CostLine(study.Trials) is { } cost)
        {
            console.Out.WriteLine(cost);
        }

        run.PrintFailures(console.Out);
    }
}
