using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>The end-of-run summary: top trials, the best parameters, what this run did and why its failed trials failed.</summary>
internal static class Leaderboard
{
    /// <summary>
    /// The study's recorded cost over all its trials, as one line, followed by one line per worker when trials were run
    /// by several (processes, named <c>host:pid</c>); empty when no trial recorded a cost.
    /// </summary>
    public static IReadOnlyList<string> CostLines(IReadOnlyList<FrozenTrial> trials)
    {
        var costs = trials.Select(TrialCost.Of).OfType<TrialCost>().ToList();
        if (costs.Count == 0)
        {
            return [];
        }

        var lines = new List<string> { $"Cost of the study ({costs.Count} trials): {Totals(costs)}." };
        var workers = costs.GroupBy(c => c.Worker ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (workers.Count > 1)
        {
            lines.AddRange(workers.Select(w => $"  worker {w.Key} ({w.Count()} trials): {Totals([.. w])}."));
        }

        return lines;
    }

    private static string Totals(List<TrialCost> costs)
    {
        double cpu = costs.Sum(c => c.CpuSeconds), joules = costs.Sum(c => c.EnergyJoules), co2 = costs.Sum(c => c.Co2eGrams);
        long flops = costs.Sum(c => c.Flops ?? 0);
        string method = costs.All(c => c.Method == EnergyMethod.Rapl) ? "measured" : "estimated";
        return string.Create(CultureInfo.InvariantCulture,
            $"{cpu:F1} CPU s, {joules / 3.6e6:G3} kWh ({method}), {co2:G3} g CO2e{(flops > 0 ? $", {flops:G3} FLOPs" : "")}");
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

        foreach (string line in CostLines(study.Trials))
        {
            console.Out.WriteLine(line);
        }

        run.PrintFailures(console.Out);
    }
}
