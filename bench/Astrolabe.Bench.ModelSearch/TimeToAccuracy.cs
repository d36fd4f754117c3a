using System.Text.Json;
using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>
/// Time to accuracy: a TPE + Hyperband search of the demo's space (no enqueued list: the side's own sampler draws
/// the models), one trial at a time, each model that finishes its epochs scored on the test part; the wall time from
/// the search's start until the first model at or above the target test accuracy. The test score only measures:
/// the search still chooses by validation accuracy and prunes by it.
/// </summary>
internal static class TimeToAccuracy
{
    public static string Run(int seed, int threads, double target, int maxTrials, int maxEpochs)
    {
        KernelThreads.Max = threads;
        KernelOptions.MaxDegreeOfParallelism = threads;
        var task = BuiltInTasks.Load(BenchSpace.TaskName);
        var space = BenchSpace.Create(maxEpochs);
        var study = Study.Create(new StudyOptions
        {
            StudyName = BenchSpace.StudyName,
            Direction = task.Direction,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
            Pruner = BenchSpace.Pruner(maxEpochs),
        });
        var clock = new Clock();
        int epochs = 0, trials = 0;
        Reached? reached = null;
        double bestTest = 0;
        while (trials < maxTrials && reached is null)
        {
            study.Optimize(trial =>
            {
                var config = space.Suggest(trial, task);
                try
                {
                    var model = ModelTraining.Fit(config, task, task.Train, task.Validation, (seed * 1_000_003L) + trial.Number, (epoch, score) =>
                    {
                        epochs++;
                        trial.Report(score, epoch);
                        if (trial.ShouldPrune())
                        {
                            throw new TrialPrunedException($"pruned after epoch {epoch}");
                        }
                    });
                    double test = model.Score(task.Test);
                    bestTest = Math.Max(bestTest, test);
                    if (test >= target)
                    {
                        reached = new Reached(clock.Elapsed().Wall, trial.Number, test, config.Family.Name);
                    }

                    return model.ValidationScore!.Value;
                }
                finally
                {
                    // As ModelObjective does after every trial (CollectAfterTrial).
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
                }
            }, new OptimizeOptions { NTrials = 1, Catch = [typeof(NonFiniteLossException)] });
            trials++;
        }

        var (wall, cpu) = clock.Elapsed();
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["side"] = "astrolabe",
            ["seed"] = seed,
            ["threads"] = threads,
            ["target"] = target,
            ["reached"] = reached is not null,
            ["seconds"] = reached?.Seconds ?? wall,
            ["cpu_seconds"] = cpu,
            ["trials"] = trials,
            ["trial"] = reached?.Trial,
            ["test_acc"] = reached?.Test ?? bestTest,
            ["family"] = reached?.Family,
            ["epochs"] = epochs,
        });
    }

    private sealed record Reached(double Seconds, int Trial, double Test, string Family);
}
