using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>
/// The timed side: a TPE + Hyperband study (as the demo's) with every listed configuration enqueued, run for as
/// many trials as the list holds with <see cref="ModelObjective"/>; then the best trial's configuration retrained on
/// train + validation and scored on the test part.
/// </summary>
internal static class SearchRun
{
    public static SearchResult Run(string listPath, int seed, int threads)
    {
        KernelThreads.Max = threads;
        KernelOptions.MaxDegreeOfParallelism = threads;
        var (maxEpochs, listed) = ConfigList.Read(listPath);
        var load = new Clock();
        var task = BuiltInTasks.Load(BenchSpace.TaskName);
        double loadSeconds = load.Elapsed().Wall;
        var objective = new ModelObjective(task, BenchSpace.Create(maxEpochs), seed);
        var study = Study.Create(new StudyOptions
        {
            StudyName = BenchSpace.StudyName,
            Direction = task.Direction,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
            Pruner = BenchSpace.Pruner(maxEpochs),
        });
        foreach (var c in listed)
        {
            study.EnqueueTrial(c.Params);
        }

        var search = new Clock();
        study.Optimize(t => objective.Evaluate(t), new OptimizeOptions { NTrials = listed.Count, Catch = [typeof(NonFiniteLossException)] });
        var (searchWall, searchCpu) = search.Elapsed();
        var trials = study.Trials.OrderBy(t => t.Number).ToList();
        Verify(trials, listed);

        var best = study.BestTrial;
        var final = new Clock();
        var (_, test) = ModelTraining.FitFinal(ModelObjective.ConfigOf(best), task, objective.TrialSeed(best.Number));
        var (finalWall, finalCpu) = final.Elapsed();
        return new SearchResult(
            "astrolabe", typeof(Study).Assembly.GetName().Version?.ToString() ?? "?", seed, threads, trials.Count, maxEpochs,
            loadSeconds, searchWall, searchCpu, finalWall, finalCpu, best.Number, study.BestValue, test,
            trials.Count(t => t.State == TrialState.Pruned), trials.Count(t => t.State == TrialState.Fail),
            trials.Sum(t => t.IntermediateValues.Count), [.. trials.Select(Outcome)]);
    }

    /// <summary>Checks that trial n trained exactly listed configuration n (the enqueued parameters drew it).</summary>
    private static void Verify(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<ListedConfig> listed)
    {
        if (trials.Count != listed.Count)
        {
            throw new InvalidOperationException($"The study ran {trials.Count} trials for {listed.Count} listed configurations.");
        }

        for (int i = 0; i < trials.Count; i++)
        {
            string ran = ModelObjective.ConfigOf(trials[i]).ToJson(), want = listed[i].Model.ToJson();
            if (ran != want)
            {
                throw new InvalidOperationException($"Trial {trials[i].Number} trained {ran}, but the list holds {want}.");
            }
        }
    }

    private static TrialOutcome Outcome(FrozenTrial t)
    {
        var values = t.IntermediateValues.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
        return new TrialOutcome(t.Number, ModelObjective.ConfigOf(t).Family.Name, t.State.ToString().ToLowerInvariant(), values.Count,
            t.Duration?.TotalSeconds ?? 0, values.Count > 0 ? values[0] : null, values.Count > 0 ? values[^1] : null);
    }
}
