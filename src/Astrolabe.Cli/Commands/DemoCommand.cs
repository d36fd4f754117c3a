using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Astrolabe.ModelSearch;
using Astrolabe.Nn.Training;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe demo</c>: a model search on a shipped dataset. TPE draws network structures and training recipes
/// from a <see cref="ModelSpace"/>, each trial trains with Astrolabe.Nn and reports its validation score per epoch,
/// and Hyperband stops the poor ones. The study lives in the storage (SQLite by default), so an interrupted demo
/// resumes where it stopped: <c>--trials</c> is the number of complete or pruned trials the study should hold (failed
/// trials, such as one interrupted by Ctrl-C, do not count). At the end: the leaderboard, the best model
/// retrained on train + validation, its test score, and the model saved for <c>astrolabe predict</c>.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Trials of the single-objective demo when <c>--trials</c> is not given.</summary>
    private const int DefaultTrials = 24;

    public static Command Create(CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = $"The data to search on: {string.Join(", ", BuiltInTasks.Names)}; text: {string.Join(", ", BuiltInTasks.TextNames)} (a search over text classifiers, see --families); ratings: {string.Join(", ", BuiltInTasks.RatingsNames)} (a recommendation search: mf, neumf, twotower by validation RMSE). Text and recommendation models are not saved.", DefaultValueFactory = _ => "mnist10k" };
        var trials = NumberOptions.WholeNumber("--trials", $"Complete or pruned trials the study should hold when done (a resumed study runs only the rest; failed or interrupted trials do not count; default 24, with several --objectives {MultiObjectiveDemo.DefaultTrials}).", min: 1);
        var timeout = NumberOptions.Seconds("--timeout", "Start no trial after this many seconds.");
        var jobs = NumberOptions.WholeNumber("--jobs", "Trials run at the same time.", defaultValue: 1, min: 1);
        var seed = NumberOptions.WholeNumber("--seed", "Seed of the sampler and of every trial's initialisation and shuffling.", defaultValue: 0);
        var study = new Option<string?>("--study") { Description = "The study's name (default: demo-<dataset>)." };
        var output = new Option<FileInfo?>("--model-out") { Description = "Where to save the final model (default: <study>.model in the current folder, with characters other than letters, digits, '.', '_' and '-' in the study's name written as '_')." };
        var maxEpochs = NumberOptions.WholeNumber("--max-epochs", "The most epochs a trial trains (the pruner's maximum resource; default 9).", min: 1);
        var objectives = new Option<string?>("--objectives") { Description = "Several objectives: the score first, then bytes and/or latency, e.g. accuracy,bytes,latency (a multi-objective search that prints the Pareto front)." };
        var families = new Option<string?>("--families") { Description = "The model families to search, comma-separated. Images and tables: mlp, cnn, resnet (default: mlp,cnn; a family that cannot model the samples is left out). Text: bag, textcnn, gru, lstm, transformer (default: bag,textcnn; gru, lstm and transformer trials take minutes each on two cores)." };
        var subsample = new Option<int?>("--subsample") { Hidden = true, Description = "Text datasets only: at most this many texts per part (a quick run)." };
        var pick = new Option<string?>("--pick") { Description = "With --objectives: the rule that picks the model to retrain from the front, e.g. bytes<=50000 (default: the most accurate)." };
        var command = new Command("demo", "Search network structures and training settings on a shipped dataset (TPE + Hyperband); resumes an interrupted study.")
        {
            dataset, trials, timeout, jobs, seed, study, output, maxEpochs, objectives, pick, families, subsample,
        };
        dataset.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && !BuiltInTasks.Names.Contains(r.Tokens[0].Value, StringComparer.OrdinalIgnoreCase) && !TextDemo.Handles(r.Tokens[0].Value) && !BuiltInTasks.RatingsNames.Contains(r.Tokens[0].Value, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"Unknown dataset '{r.Tokens[0].Value}'; choose one of: {string.Join(", ", BuiltInTasks.Names.Concat(BuiltInTasks.TextNames).Concat(BuiltInTasks.RatingsNames))}.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            if (BuiltInTasks.RatingsNames.Contains(parse.GetValue(dataset)!, StringComparer.OrdinalIgnoreCase))
            {
                if (parse.GetValue(families) is not null || parse.GetValue(subsample) is not null)
                {
                    throw new ArgumentException($"--families and --subsample are not available for the ratings dataset '{parse.GetValue(dataset)}': it searches mf, neumf and twotower.");
                }

                return await RatingsDemo.RunAsync(console, RatingsDemo.Check(parse.GetValue(dataset)!, parse.GetValue(trials), parse.GetValue(timeout), parse.GetValue(jobs), parse.GetValue(seed), parse.GetValue(study), parse.GetValue(CommonOptions.Storage)!, parse.GetValue(maxEpochs), parse.GetValue(output), parse.GetValue(objectives) ?? parse.GetValue(pick)), ct).ConfigureAwait(false);
            }

            if (TextDemo.Handles(parse.GetValue(dataset)) || parse.GetValue(subsample) is not null)
            {
                return await TextDemo.RunAsync(console, TextDemo.Check(parse, dataset, trials, timeout, jobs, seed, study, maxEpochs, families, subsample, [output, objectives, pick]), ct).ConfigureAwait(false);
            }

            var task = BuiltInTasks.Load(parse.GetValue(dataset)!);
            if (parse.GetValue(pick) is not null && parse.GetValue(objectives) is null)
            {
                throw new ArgumentException("--pick chooses from the front of a search with several objectives; give --objectives too.");
            }

            var several = parse.GetValue(objectives) is { } list ? DemoObjectives.Parse(list, parse.GetValue(pick), task) : null;
            var defaults = several is { Measures.Count: > 1 } ? DemoObjectives.CompactSpace : new ModelSpaceOptions();
            if (parse.GetValue(families) is { } familyList)
            {
                defaults = defaults with { Families = ParseFamilies(familyList) };
            }

            var space = new ModelSpace(parse.GetValue(maxEpochs) is { } m ? defaults with { MaxEpochs = m, MinEpochs = Math.Min(defaults.MinEpochs, m) } : defaults);
            int runSeed = parse.GetValue(seed);
            var objective = new ModelObjective(task, space, runSeed);
            string name = parse.GetValue(study) ?? (several is { Measures.Count: > 1 } ? $"demo-{task.Name}-{string.Join('-', several.Names)}" : $"demo-{task.Name}");
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            if (several is { Measures.Count: > 1 })
            {
                var run = new MultiObjectiveDemo.Run(task, objective, several, storage, name, parse.GetValue(trials) ?? MultiObjectiveDemo.DefaultTrials, parse.GetValue(timeout), parse.GetValue(jobs), runSeed);
                var (chosen, code) = await MultiObjectiveDemo.SearchAsync(console, run, ct).ConfigureAwait(false);
                return chosen is null ? code : await RetrainAsync(console, task, objective, chosen, name, parse.GetValue(output), ct).ConfigureAwait(false);
            }

            string header = $"Model search on {task.Name}: {task.Train.Count} train / {task.Validation.Count} validation / {task.Test.Count} test samples; "
                + $"objective: validation {task.MetricName} ({task.Direction.ToString().ToLowerInvariant()}); study '{name}' in {parse.GetValue(CommonOptions.Storage)}.";
            var (s, searchTime) = await SearchAsync(console, storage, name, task.Direction, runSeed, space.Options.MaxEpochs, parse.GetValue(trials) ?? DefaultTrials,
                header, parse.GetValue(timeout), parse.GetValue(jobs), objective.Evaluate, ct).ConfigureAwait(false);
            SearchSummary.Print(console, s, task, searchTime);
            if (s.GetTrials(TrialState.Complete).Count == 0)
            {
                console.Error.WriteLine("No trial completed, so there is no model to retrain.");
                return 1;
            }

            return await RetrainAsync(console, task, objective, s.BestTrial, name, parse.GetValue(output), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Opens (or resumes) a demo's study — TPE seeded with <paramref name="seed"/>, Hyperband over 1 to
    /// <paramref name="maxEpochs"/> epochs, heartbeats, stale trials failed — prints <paramref name="header"/> and, when
    /// the study already holds trials, what resuming means, then runs trials until it holds <paramref name="target"/>
    /// complete or pruned ones. Returns the study and the time the trials took.
    /// </summary>
    internal static async Task<(Study Study, TimeSpan Elapsed)> SearchAsync(
        CliConsole console, IStorage storage, string name, StudyDirection direction, int seed, int maxEpochs, int target,
        string header, TimeSpan? timeout, int jobs, Func<Trial, CancellationToken, double> evaluate, CancellationToken ct)
    {
        var study = Study.Create(new StudyOptions
        {
            StudyName = name,
            Storage = storage,
            LoadIfExists = true,
            Direction = direction,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
            Pruner = new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = maxEpochs, ReductionFactor = 3 }),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
        });
        study.FailStaleTrials();
        int finished = study.Trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned);
        int failed = study.Trials.Count(t => t.State == TrialState.Fail);
        console.Out.WriteLine(header);
        if (finished + failed > 0)
        {
            string notCounted = failed > 0 ? $" ({failed} failed, not counted)" : "";
            console.Out.WriteLine($"Resuming: the study already holds {finished} complete or pruned trials{notCounted}; running {Math.Max(0, target - finished)} more.");
        }

        var clock = Stopwatch.StartNew();
        if (target > finished)
        {
            await RunTrialsAsync(console, target - finished, timeout, jobs, o => study.OptimizeAsync((trial, token) => Task.FromResult(evaluate(trial, token)), o, ct)).ConfigureAwait(false);
        }

        return (study, clock.Elapsed);
    }

    /// <summary>The families named in <c>--families</c> (comma-separated, each once).</summary>
    /// <exception cref="ArgumentException">An unknown or repeated name, or none.</exception>
    internal static IReadOnlyList<IModelFamily> ParseFamilies(string list)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException($"--families names no family; known: {string.Join(", ", ModelFamilies.All.Select(f => f.Name))}.");
        }

        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"--families names '{repeated.Key}' twice.");
        }

        return [.. names.Select(ModelFamilies.Get)];
    }

    /// <summary>
    /// Runs <paramref name="count"/> more trials of a demo's study with live progress; a trial whose loss diverges is
    /// recorded as failed and the search goes on.
    /// </summary>
    internal static Task RunTrialsAsync(CliConsole console, int count, TimeSpan? timeout, int jobs, Func<OptimizeOptions, Task> optimize)
    {
        var options = new OptimizeOptions
        {
            NTrials = count,
            Timeout = timeout,
            Parallelism = jobs,
            Catch = [typeof(NonFiniteLossException)],
        };
        return ProgressDisplay.RunAsync(console, options, optimize);
    }

    /// <summary>Retrains a chosen trial's model on train + validation, tests it once and saves it.</summary>
    private static async Task<int> RetrainAsync(CliConsole console, SearchTask task, ModelObjective objective, FrozenTrial best, string name, FileInfo? output, CancellationToken ct)
    {
        var config = ModelObjective.ConfigOf(best);
        console.Out.WriteLine($"Retraining trial #{best.Number}'s model on train + validation ({config.Epochs} epochs)...");
        var clock = Stopwatch.StartNew();
        var (model, test) = await Task.Run(() => ModelTraining.FitFinal(config, task, objective.TrialSeed(best.Number), ct), ct).ConfigureAwait(false);
        string path = (output ?? new FileInfo(FileName(name) + ".model")).FullName;
        model.Save(path);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test {task.MetricName} of the final model: {SearchSummary.Score(task, test)} ({task.Test.Count} samples never seen by the search; retrained in {clock.Elapsed.TotalSeconds:F1}s; {ModelMeasures.Bytes(model)} bytes)."));
        console.Out.WriteLine($"Model saved to {path}; try: astrolabe predict --model {path} --dataset {task.Name}");
        return 0;
    }

    /// <summary>
    /// A study's name as a file name in the current folder: letters, digits, '.', '_' and '-' are kept, any other
    /// character (a path separator above all) becomes '_', and a leading '.' becomes '_' (no hidden file, no "..").
    /// </summary>
    internal static string FileName(string study)
    {
        var chars = study.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray();
        for (int i = 0; i < chars.Length && chars[i] == '.'; i++)
        {
            chars[i] = '_';
        }

        return chars.Length == 0 ? "study" : new string(chars);
    }
}
