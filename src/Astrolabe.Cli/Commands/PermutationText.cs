using System.Globalization;
using System.Text;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>Permutation importance for <c>explain</c>: a table of the top features and, with <c>--out</c>, a CSV of all.</summary>
internal static class PermutationText
{
    public static void Print(CliConsole console, ExplainRun run)
    {
        var task = run.Task;
        var test = task.Raw.Test;
        int n = Math.Min(run.Rows ?? test.Count, test.Count);
        var rows = n == test.Count ? test : test.Subset([.. Enumerable.Range(0, n)]);
        var groups = task.IsImage ? FeatureGroup.Patches(task.InputShape, run.Patch) : FeatureGroup.Each(task.InputShape);
        string unit = !task.IsImage ? "features" : run.Patch == 1 ? "pixels" : string.Create(CultureInfo.InvariantCulture, $"patches of {run.Patch}×{run.Patch} pixels");
        var result = new PermutationImportance { Repeats = run.Repeats, Seed = run.Seed, Groups = groups }.Compute(run.Model, rows);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Permutation importance on {task.Name} (test part, {n} rows): {task.MetricName} {SearchSummary.Score(task, result.BaselineScore)}; {run.Repeats} repeats, seed {run.Seed}."));
        var ranked = result.Ranked();
        int width = Math.Max(7, ranked.Max(f => f.Group.Name.Length));
        string drop = task.IsClassification ? "accuracy drop" : "rmse increase";
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Top {Math.Min(run.Top, ranked.Count)} of {ranked.Count} {unit} by mean {drop}:"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {"feature".PadRight(width)}  {"mean",10}  {"std",10}"));
        for (int i = 0; i < Math.Min(run.Top, ranked.Count); i++)
        {
            var f = ranked[i];
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {f.Group.Name.PadRight(width)}  {f.Mean,10:F4}  {f.Std,10:F4}"));
        }

        if (run.Out is { } path)
        {
            var csv = new StringBuilder("feature,mean,std");
            for (int r = 0; r < run.Repeats; r++)
            {
                csv.Append(CultureInfo.InvariantCulture, $",drop_{r}");
            }

            csv.Append('\n');
            foreach (var f in result.Features)
            {
                csv.Append(CultureInfo.InvariantCulture, $"\"{f.Group.Name}\",{f.Mean:R},{f.Std:R}");
                foreach (double d in f.Drops)
                {
                    csv.Append(CultureInfo.InvariantCulture, $",{d:R}");
                }

                csv.Append('\n');
            }

            File.WriteAllText(path, csv.ToString());
            console.Out.WriteLine($"Every feature's drops: {path}");
        }
    }
}
