using System.Diagnostics;
using System.Globalization;
using Astrolabe.ModelSearch;
using Spectre.Console;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe demo --dataset austen</c>: a model search over text classifiers (<see cref="TextSpace"/>: bag of
/// tokens and hashed bigrams, textcnn, gru, lstm, transformer) with TPE and Hyperband, stored like the feature demo's
/// (so it resumes), then the leaderboard, the best model retrained on train + validation, its test accuracy and
/// macro-F1 beside the TF-IDF + logistic-regression baseline of <c>bench/Astrolabe.Bench.TextRec/RESULTS.md</c>.
/// The text model is not saved (<c>astrolabe predict</c> takes the feature datasets' models).
/// </summary>
internal static class TextDemo
{
    /// <summary>Trials when <c>--trials</c> is not given.</summary>
    public const int DefaultTrials = 30;

    /// <summary>
    /// The families searched when <c>--families</c> is not given: the two that train in seconds per epoch on two
    /// cores (a recurrent or transformer trial takes minutes there; name them with <c>--families</c>).
    /// </summary>
    public static readonly IReadOnlyList<TextFamilyKind> DefaultFamilies = [TextFamilyKind.Bag, TextFamilyKind.TextCnn];

    /// <summary>The most epochs of a trial when <c>--max-epochs</c> is not given.</summary>
    public const int DefaultMaxEpochs = 12;

    /// <summary>
    /// The peer's scores on the same split (<c>bench/Astrolabe.Bench.TextRec/RESULTS.md</c>: TF-IDF with sublinear tf,
    /// word 1–2-grams, logistic regression with C = 100 chosen on validation).
    /// </summary>
    private static readonly Dictionary<string, (double Accuracy, double MacroF1)> s_baselines = new(StringComparer.OrdinalIgnoreCase)
    {
        ["austen"] = (0.8674, 0.8644),
    };

    /// <summary>What the demo command parsed.</summary>
    internal sealed record Settings(
        string Dataset, int? Trials, TimeSpan? Timeout, int Jobs, int Seed, string? Study, string StorageUrl, int? MaxEpochs, string? Families, int? Subsample);

    /// <summary>
    /// The settings of a text demo from the demo command's options; throws <see cref="ArgumentException"/> when the
    /// dataset is not a text dataset (<c>--subsample</c> is for text only) or an option that only
    /// the feature demo has is given.
    /// </summary>
    public static Settings Check(
        System.CommandLine.ParseResult parse, System.CommandLine.Option<string> dataset, System.CommandLine.Option<int?> trials, System.CommandLine.Option<TimeSpan?> timeout,
        System.CommandLine.Option<int> jobs, System.CommandLine.Option<int> seed, System.CommandLine.Option<string?> study, System.CommandLine.Option<int?> maxEpochs,
        System.CommandLine.Option<string?> families, System.CommandLine.Option<int?> subsample, IReadOnlyList<System.CommandLine.Option> notForText)
    {
        string name = parse.GetValue(dataset)!;
        if (!Handles(name))
        {
            throw new ArgumentException($"--subsample is for text datasets ({string.Join(", ", BuiltInTasks.TextNames)}); '{name}' is not one.");
        }

        if (notForText.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } other)
        {
            throw new ArgumentException($"{other.Name} is not available for the text dataset '{name}' (its models are not saved, and it has one objective).");
        }

        if (parse.GetValue(subsample) is < 1)
        {
            throw new ArgumentException($"--subsample must be at least 1, got {parse.GetValue(subsample)}.");
        }

        return new Settings(name, parse.GetValue(trials), parse.GetValue(timeout), parse.GetValue(jobs), parse.GetValue(seed), parse.GetValue(study),
            parse.GetValue(CommonOptions.Storage)!, parse.GetValue(maxEpochs), parse.GetValue(families), parse.GetValue(subsample));
    }

    /// <summary>Whether <paramref name="dataset"/> is a text dataset this demo runs.</summary>
    public static bool Handles(string? dataset) => dataset is not null && BuiltInTasks.TextNames.Contains(dataset, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses <c>--families</c> (e.g. <c>bag,gru</c>); throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static IReadOnlyList<TextFamilyKind> ParseFamilies(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var list = new List<TextFamilyKind>();
        foreach (string name in names)
        {
            var match = Enum.GetValues<TextFamilyKind>().Where(f => string.Equals(Spell(f), name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                throw new ArgumentException($"Unknown text family '{name}' in --families; known: {string.Join(", ", Enum.GetValues<TextFamilyKind>().Select(Spell))}.");
            }

            if (!list.Contains(match[0]))
            {
                list.Add(match[0]);
            }
        }

        return list.Count > 0 ? list : throw new ArgumentException("--families names no family; e.g. --families bag,textcnn.");
    }

    /// <summary>Runs the search, prints the leaderboard, retrains the best model and prints its test scores.</summary>
    public static async Task<int> RunAsync(CliConsole console, Settings settings, CancellationToken ct)
    {
        var families = settings.Families is { } f ? ParseFamilies(f) : DefaultFamilies;
        int maxEpochs = settings.MaxEpochs ?? DefaultMaxEpochs;
        var space = new TextSpace(new TextSpaceOptions { Families = families, MaxEpochs = maxEpochs, MinEpochs = Math.Min(2, maxEpochs) });
        var task = Subsample(BuiltInTasks.LoadText(settings.Dataset), settings.Subsample);
        var objective = new TextObjective(task, space, settings.Seed);
        string name = settings.Study ?? $"demo-{task.Name}";
        var storage = StorageUrl.Open(settings.StorageUrl);
        using var owned = storage as IDisposable;
        string header =
            $"Text-model search on {task.Name} ({task.Outputs} classes, vocabulary of {task.VocabularySize} ids): {task.Train.Count} train / {task.Validation.Count} validation / {task.Test.Count} test texts; "
            + $"families: {string.Join(", ", families.Select(Spell))}; objective: validation accuracy (maximize); study '{name}' in {settings.StorageUrl}.";
        var (study, elapsed) = await DemoCommand.SearchAsync(console, storage, name, TextTask.Direction, settings.Seed, maxEpochs, settings.Trials ?? DefaultTrials,
            header, settings.Timeout, settings.Jobs, objective.Evaluate, ct).ConfigureAwait(false);
        PrintLeaderboard(console, study, elapsed);
        if (study.GetTrials(TrialState.Complete).Count == 0)
        {
            console.Error.WriteLine("No trial completed, so there is no model to retrain.");
            return 1;
        }

        var best = study.BestTrial;
        var config = TextObjective.ConfigOf(best);
        console.Out.WriteLine($"Retraining trial #{best.Number}'s model on train + validation ({config.Epochs} epochs)...");
        var clock = Stopwatch.StartNew();
        var (_, test) = await Task.Run(() => TextTraining.FitFinal(config, task, objective.TrialSeed(best.Number), ct), ct).ConfigureAwait(false);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy of the final model: {test.Accuracy:P2}, macro-F1 {test.MacroF1:F4} ({task.Test.Count} texts never seen by the search; retrained in {clock.Elapsed.TotalSeconds:F1}s)."));
        if (settings.Subsample is null && s_baselines.TryGetValue(task.Name, out var baseline))
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Baseline on the same split, TF-IDF (word 1-2-grams) + logistic regression tuned on validation (bench/Astrolabe.Bench.TextRec/RESULTS.md): test accuracy {baseline.Accuracy:P2}, macro-F1 {baseline.MacroF1:F4}; "
                + $"the searched model is {(test.Accuracy - baseline.Accuracy) * 100:+0.00;-0.00} points of accuracy and {test.MacroF1 - baseline.MacroF1:+0.0000;-0.0000} of macro-F1 from it."));
        }

        console.Out.WriteLine("The text model is not saved: astrolabe predict takes the models of the feature datasets only.");
        return 0;
    }

    private static void PrintLeaderboard(CliConsole console, Study study, TimeSpan elapsed)
    {
        if (ModelLeaderboard.Print(console, study, "accuracy", v => v.ToString("P2", CultureInfo.InvariantCulture),
            t => TryConfig(t) is { } c ? new ModelLeaderboard.Row(Spell(c.Family), c.Describe()) : null, families: true))
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"This run: {elapsed.TotalSeconds:F1}s."));
        }
    }

    private static TextModelConfig? TryConfig(FrozenTrial t)
    {
        try
        {
            return TextObjective.ConfigOf(t);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The task with at most <paramref name="rows"/> texts in each part, evenly spaced (the parts are in book order), for a quick run.</summary>
    private static TextTask Subsample(TextTask task, int? rows)
    {
        if (rows is not { } n)
        {
            return task;
        }

        Nn.Data.Sequences.SequenceDataset First(Nn.Data.Sequences.SequenceDataset d) => d.Subset([.. Enumerable.Range(0, Math.Min(n, d.Count)).Select(i => (int)((long)i * d.Count / Math.Min(n, d.Count)))]);
        return new TextTask(task.Name, task.Encoder, First(task.Train), First(task.Validation), First(task.Test), task.ClassNames);
    }

    private static string Spell(TextFamilyKind family) =>
        System.Text.Json.JsonSerializer.Serialize(family).Trim('"');
}
