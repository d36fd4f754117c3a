using System.Diagnostics;
using System.Globalization;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>demo --objectives accuracy,bytes[,latency]</c>: a model search that trades the score against the model's size
/// and its latency on this machine (batch 1, median of 21 runs). MOTPE draws the models below
/// <see cref="NsgaFrom"/> trials, NSGA-II (population 50) from there; a <see cref="ParetoPruner"/> stops trials
/// dominated at their epoch by half of those that reached it. At the end: the Pareto front as a table, the model the
/// pick rule chooses from it (the most accurate, or the most accurate that satisfies <c>--pick</c>) retrained on
/// train + validation, its test score, and the model saved.
/// </summary>
internal static class MultiObjectiveDemo
{
    /// <summary>
    /// Trials when <c>--trials</c> is not given: a front needs more models than a single best does (at 24 the seed-0
    /// front on mnist10k had one CNN among MLPs; at 60 it spans 12 kB to 339 kB).
    /// </summary>
    public const int DefaultTrials = 60;

    /// <summary>The budget from which NSGA-II, not MOTPE, draws the models.</summary>
    public const int NsgaFrom = 200;

    public sealed record Run(SearchTask Task, ModelObjective Objective, DemoObjectives Objectives, IStorage Storage, string StudyName, int Target, TimeSpan? Timeout, int Jobs, int Seed);

    public static async Task<(FrozenTrial? Chosen, int Code)> SearchAsync(CliConsole console, Run run, CancellationToken ct)
    {
        var task = run.Task;
        var directions = run.Objectives.Measures.Select(m => m == ModelMeasure.Score ? task.Direction : StudyDirection.Minimize).ToArray();
        Sampler sampler = run.Target >= NsgaFrom
            ? new NsgaIISampler(new NsgaIISamplerOptions { Seed = run.Seed })
            : new TpeSampler(new TpeSamplerOptions { Seed = run.Seed });
        var s = Study.Create(new StudyOptions
        {
            StudyName = run.StudyName,
            Storage = run.Storage,
            LoadIfExists = true,
            Directions = directions,
            Sampler = sampler,
            Pruner = new ParetoPruner(),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
        });
        if (!s.Directions.SequenceEqual(directions))
        {
            throw new ArgumentException($"Study '{run.StudyName}' already exists with {s.Directions.Count} objectives of other directions; name another with --study.");
        }

        s.FailStaleTrials();
        int finished = s.Trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned);
        console.Out.WriteLine(
            $"Multi-objective model search on {task.Name}: objectives {string.Join(", ", run.Objectives.Names)} ({string.Join(", ", directions.Select(d => d.ToString().ToLowerInvariant()))}); "
            + $"sampler {(sampler is NsgaIISampler ? "NSGA-II" : "MOTPE")}; study '{run.StudyName}'.");
        var clock = Stopwatch.StartNew();
        if (run.Target > finished)
        {
            await DemoCommand.RunTrialsAsync(console, run.Target - finished, run.Timeout, run.Jobs, o => s.OptimizeAsync(
                (trial, token) => Task.FromResult(run.Objective.EvaluateMeasures(trial, run.Objectives.Measures, token)), o, ct)).ConfigureAwait(false);
        }

        var trials = s.Trials;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Study '{s.StudyName}': {trials.Count} trials ({trials.Count(t => t.State == TrialState.Complete)} complete, {trials.Count(t => t.State == TrialState.Pruned)} pruned, {trials.Count(t => t.State == TrialState.Fail)} failed); this run {clock.Elapsed.TotalSeconds:F1}s."));
        foreach (string line in Leaderboard.CostLines(trials))
        {
            console.Out.WriteLine(line);
        }

        var front = s.BestTrials;
        if (front.Count == 0)
        {
            console.Error.WriteLine("No trial completed, so there is no front and no model to retrain.");
            return (null, 1);
        }

        FrontSummary.Print(console, front, run.Objectives.Names, run.Objectives.Measures, task);
        var candidates = run.Objectives.Pick is { } pick ? front.Where(t => pick.Holds(t.Values!)).ToList() : [.. front];
        if (candidates.Count == 0)
        {
            console.Error.WriteLine($"No model on the front satisfies --pick {run.Objectives.Pick!.Text}.");
            return (null, 1);
        }

        var chosen = task.Direction == StudyDirection.Maximize ? candidates.MaxBy(t => t.Values![0])! : candidates.MinBy(t => t.Values![0])!;
        console.Out.WriteLine($"Chosen: trial #{chosen.Number}, the most {(task.Direction == StudyDirection.Maximize ? "accurate" : "precise")} on the front{(run.Objectives.Pick is { } p ? $" with {p.Text}" : "")}.");
        return (chosen, 0);
    }
}
