using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>
/// The leaderboard of a model search (image, table, text or ratings demo): the study's trial counts, its best complete
/// trials by validation score with each one's model, then the best trial and its parameters. The caller adds what
/// its run reports beyond that (times, costs).
/// </summary>
internal static class ModelLeaderboard
{
    /// <summary>
    /// Prints the board. Returns false, after the counts line, when no trial has completed (nothing else to report).
    /// </summary>
    /// <param name="console">Where to print.</param>
    /// <param name="study">The study, one objective.</param>
    /// <param name="metricName">The validation metric's name, e.g. accuracy or RMSE.</param>
    /// <param name="score">Formats a validation score.</param>
    /// <param name="model">A trial's model, or null when it recorded none.</param>
    /// <param name="families">Whether the board has a family column (and names the best trial's family).</param>
    /// <param name="top">How many trials the board lists.</param>
    public static bool Print(CliConsole console, Study study, string metricName, Func<double, string> score, Func<FrozenTrial, Row?> model, bool families, int top = 10)
    {
        var trials = study.Trials;
        var complete = study.GetTrials(TrialState.Complete);
        int pruned = trials.Count(t => t.State == TrialState.Pruned), failed = trials.Count(t => t.State == TrialState.Fail);
        console.Out.WriteLine($"Study '{study.StudyName}': {trials.Count} trials ({complete.Count} complete, {pruned} pruned, {failed} failed).");
        if (complete.Count == 0)
        {
            return false;
        }

        var ordered = (study.Direction == StudyDirection.Maximize ? complete.OrderByDescending(t => t.Value) : complete.OrderBy(t => t.Value)).ThenBy(t => t.Number);
        string[] familyColumn = families ? ["family"] : [];
        var table = new Table().AddColumns(["#", "trial", .. familyColumn, $"validation {metricName}", "epochs", "seconds", "model"]);
        int rank = 0;
        foreach (var t in ordered.Take(top))
        {
            var row = model(t);
            string[] family = families ? [row?.Family ?? "-"] : [];
            table.AddRow([
                (++rank).ToString(CultureInfo.InvariantCulture),
                t.Number.ToString(CultureInfo.InvariantCulture),
                .. family,
                score(t.Value!.Value),
                t.IntermediateValues.Count.ToString(CultureInfo.InvariantCulture),
                t.Duration is { } d ? d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(row?.Model ?? "(no model recorded)"),
            ]);
        }

        console.Ansi.Write(new Rule("Leaderboard"));
        console.Ansi.Write(table);
        var best = study.BestTrial;
        string bestFamily = families ? $" ({model(best)?.Family ?? "-"})" : "";
        console.Out.WriteLine($"Best trial #{best.Number}: validation {metricName} {score(best.Value!.Value)}{bestFamily}");
        foreach (var (name, value) in best.Params)
        {
            console.Out.WriteLine($"  {name} = {Format.Param(value)}");
        }

        return true;
    }

    /// <summary>How a trial's model shows on the board: its family (when the search has families) and its description.</summary>
    /// <param name="Family">The family's name, or null.</param>
    /// <param name="Model">The model's one-line description.</param>
    internal readonly record struct Row(string? Family, string Model);
}
