using System.Globalization;
using Astrolabe.ModelSearch;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>The end of a model search: the leaderboard of models, the best trial's parameters and the time per trial.</summary>
internal static class SearchSummary
{
    public static void Print(CliConsole console, Study study, SearchTask task, TimeSpan elapsed, int top = 10)
    {
        var trials = study.Trials;
        var complete = study.GetTrials(TrialState.Complete);
        int pruned = trials.Count(t => t.State == TrialState.Pruned), failed = trials.Count(t => t.State == TrialState.Fail);
        console.Out.WriteLine($"Study '{study.StudyName}': {trials.Count} trials ({complete.Count} complete, {pruned} pruned, {failed} failed).");
        if (complete.Count == 0)
        {
            return;
        }

        var ordered = (study.Direction == StudyDirection.Maximize ? complete.OrderByDescending(t => t.Value) : complete.OrderBy(t => t.Value)).Take(top);
        var table = new Table().AddColumns("#", "trial", $"validation {task.MetricName}", "epochs", "seconds", "model");
        int rank = 0;
        foreach (var t in ordered)
        {
            table.AddRow(
                (++rank).ToString(CultureInfo.InvariantCulture),
                t.Number.ToString(CultureInfo.InvariantCulture),
                Score(task, t.Value!.Value),
                t.IntermediateValues.Count.ToString(CultureInfo.InvariantCulture),
                Seconds(t),
                Markup.Escape(Describe(t)));
        }

        console.Ansi.Write(new Rule("Leaderboard"));
        console.Ansi.Write(table);
        var best = study.BestTrial;
        console.Out.WriteLine($"Best trial #{best.Number}: validation {task.MetricName} {Score(task, best.Value!.Value)}");
        foreach (var (name, value) in best.Params)
        {
            console.Out.WriteLine($"  {name} = {Format.Param(value)}");
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Time per trial: complete {Median(complete)}s median, pruned {Median(trials.Where(t => t.State == TrialState.Pruned))}s median; this run {elapsed.TotalSeconds:F1}s."));
        foreach (string line in Leaderboard.CostLines(trials))
        {
            console.Out.WriteLine(line);
        }
    }

    /// <summary>Accuracy as a percentage, RMSE as a number.</summary>
    public static string Score(SearchTask task, double value) =>
        task.IsClassification ? value.ToString("P2", CultureInfo.InvariantCulture) : value.ToString("G5", CultureInfo.InvariantCulture);

    private static string Describe(FrozenTrial t)
    {
        try
        {
            return ModelObjective.ConfigOf(t).Describe();
        }
        catch (InvalidDataException)
        {
            return "(no model recorded)";
        }
    }

    private static string Seconds(FrozenTrial t) =>
        t.Duration is { } d ? d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string Median(IEnumerable<FrozenTrial> trials)
    {
        var d = trials.Where(t => t.Duration is not null).Select(t => t.Duration!.Value.TotalSeconds).Order().ToList();
        return d.Count == 0 ? "-" : d[d.Count / 2].ToString("F1", CultureInfo.InvariantCulture);
    }
}
