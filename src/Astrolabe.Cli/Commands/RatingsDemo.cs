using System.Diagnostics;
using System.Globalization;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe demo --dataset insteval</c>: a recommendation model search. TPE draws the family (mf, neumf,
/// twotower), its structure and the training recipe from a <see cref="RecommenderSpace"/>; each trial reports its
/// validation RMSE per epoch and Hyperband stops the poor ones. The study lives in the storage, so a rerun resumes
/// it. At the end: the leaderboard, the best model retrained on train + validation, its test RMSE/MAE and sampled
/// ranking (HR@10, NDCG@10), next to the peers' baselines. The model is not saved (<c>predict</c> takes feature
/// models only).
/// </summary>
internal static class RatingsDemo
{
    /// <summary>Trials when <c>--trials</c> is not given (a few minutes on two cores).</summary>
    public const int DefaultTrials = 30;

    /// <summary>The most epochs of a trial when <c>--max-epochs</c> is not given.</summary>
    public const int DefaultMaxEpochs = 6;

    /// <summary>What the demo command parsed.</summary>
    public sealed record Settings(string Dataset, int? Trials, TimeSpan? Timeout, int Jobs, int Seed, string? Study, string Storage, int? MaxEpochs);

    /// <summary>The settings, refusing the options a recommendation search has no use for.</summary>
    public static Settings Check(string dataset, int? trials, TimeSpan? timeout, int jobs, int seed, string? study, string storage, int? maxEpochs, FileInfo? modelOut, string? objectives)
    {
        if (modelOut is not null)
        {
            throw new ArgumentException($"--model-out: the recommendation demo on '{dataset}' does not save its model ('astrolabe predict' takes feature models only); leave it out.");
        }

        if (objectives is not null)
        {
            throw new ArgumentException($"--objectives and --pick: the recommendation demo on '{dataset}' has one objective, validation RMSE; leave them out.");
        }

        return new Settings(dataset, trials, timeout, jobs, seed, study, storage, maxEpochs);
    }

    public static async Task<int> RunAsync(CliConsole console, Settings settings, CancellationToken ct)
    {
        var task = BuiltInTasks.LoadRatings(settings.Dataset);
        int maxEpochs = settings.MaxEpochs ?? DefaultMaxEpochs;
        var defaults = new RecommenderSpaceOptions();
        var space = new RecommenderSpace(defaults with { MaxEpochs = maxEpochs, MinEpochs = Math.Min(defaults.MinEpochs, maxEpochs) });
        var objective = new RecommenderObjective(task, space, settings.Seed);
        string name = settings.Study ?? $"demo-{task.Name}";
        var storage = StorageUrl.Open(settings.Storage);
        using var owned = storage as IDisposable;
        string header =
            $"Recommendation search on {task.Name}: {task.Train.Count} train / {task.Validation.Count} validation / {task.Test.Count} test ratings of "
            + $"{task.ItemCount} items by {task.UserCount} users; objective: validation RMSE (minimize); study '{name}' in {settings.Storage}.";
        var (study, elapsed) = await DemoCommand.SearchAsync(console, storage, name, RatingsTask.Direction, settings.Seed, maxEpochs, settings.Trials ?? DefaultTrials,
            header, settings.Timeout, settings.Jobs, objective.Evaluate, ct).ConfigureAwait(false);
        PrintLeaderboard(console, study, elapsed);
        if (study.GetTrials(TrialState.Complete).Count == 0)
        {
            console.Error.WriteLine("No trial completed, so there is no model to retrain.");
            return 1;
        }

        var best = study.BestTrial;
        var config = RecommenderObjective.ConfigOf(best);
        console.Out.WriteLine($"Retraining trial #{best.Number}'s {config.Family} model on train + validation ({config.Epochs} epochs)...");
        var clock = Stopwatch.StartNew();
        var model = await Task.Run(() => RecommenderTraining.FitFinal(config, task, objective.TrialSeed(best.Number), ct), ct).ConfigureAwait(false);
        var test = model.Score(task.Test);
        var ranking = model.Rank(task.TestQueries);
        console.Out.WriteLine(Invariant(
            $"Test of the final model ({task.Test.Count} ratings never seen by the search; retrained in {clock.Elapsed.TotalSeconds:F1}s): RMSE {test.Rmse:F4}, MAE {test.Mae:F4}."));
        console.Out.WriteLine(Invariant(
            $"Ranking of the final model ({task.TestQueries.Count} test users, each held-out item among {task.TestQueries[0].Negatives.Length} sampled unrated items, scored by predicted rating): HR@10 {ranking.HitRate:F4}, NDCG@10 {ranking.Ndcg:F4}."));
        PrintBaselines(console, task.Name);
        console.Out.WriteLine("The model is not saved: 'astrolabe predict' takes the feature models of the other datasets only.");
        return 0;
    }

    private static void PrintLeaderboard(CliConsole console, Study study, TimeSpan elapsed)
    {
        if (ModelLeaderboard.Print(console, study, "RMSE", v => v.ToString("F4", CultureInfo.InvariantCulture),
            t => TryConfig(t) is { } c ? new ModelLeaderboard.Row(c.Family, c.Describe()) : null, families: true))
        {
            console.Out.WriteLine(Invariant($"This run: {elapsed.TotalSeconds:F1}s."));
        }
    }

    private static RecommenderConfig? TryConfig(FrozenTrial trial)
    {
        try
        {
            return RecommenderObjective.ConfigOf(trial);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// The peers' numbers on the same split (bench/Astrolabe.Bench.TextRec/RESULTS.md: numpy and scikit-learn, fitted
    /// on the training part, chosen on validation, scored once on test).
    /// </summary>
    private static void PrintBaselines(CliConsole console, string dataset)
    {
        if (dataset != "insteval")
        {
            return;
        }

        console.Out.WriteLine("Baselines on the same split (bench/Astrolabe.Bench.TextRec/RESULTS.md; numpy peers fitted on train only, chosen on validation):");
        console.Out.WriteLine("  global mean                 test RMSE 1.3326, MAE 1.1345");
        console.Out.WriteLine("  user + item biases (ALS)    test RMSE 1.2092, MAE 1.0133");
        console.Out.WriteLine("  biased MF (SGD, tuned)      test RMSE 1.2116, MAE 1.0173");
        console.Out.WriteLine("  popularity ranking          HR@10 0.4360, NDCG@10 0.2266");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
