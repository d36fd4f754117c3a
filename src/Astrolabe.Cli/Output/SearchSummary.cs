using System.Globalization;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli;

/// <summary>The end of a model search: the leaderboard of models, the best trial's parameters and the time per trial.</summary>
internal static class SearchSummary
{
    public static void Print(CliConsole console, Study study, SearchTask task, TimeSpan elapsed, int top = 10)
    {
        if (!ModelLeaderboard.Print(console, study, task.MetricName, v => Score(task, v), Describe, families: false, top))
        {
            return;
        }

        var trials = study.Trials;
        var complete = study.GetTrials(TrialState.Complete);
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

    private static ModelLeaderboard.Row? Describe(FrozenTrial t)
    {
        try
        {
            return new ModelLeaderboard.Row(null, ModelObjective.ConfigOf(t).Describe());
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string Median(IEnumerable<FrozenTrial> trials)
    {
        var d = trials.Where(t => t.Duration is not null).Select(t => t.Duration!.Value.TotalSeconds).Order().ToList();
        return d.Count == 0 ? "-" : d[d.Count / 2].ToString("F1", CultureInfo.InvariantCulture);
    }
}
