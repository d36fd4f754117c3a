// The demo's model search in user code: TPE chooses structures and training recipes, Hyperband stops poor trials,
// the study lives in a SQLite file (run again to resume), and the best model is retrained and tested.
// Run: dotnet run -c Release --project examples/ModelSearch [-- trials]
using System.Globalization;
using Astrolabe;
using Astrolabe.ModelSearch;

int trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 24;
var task = BuiltInTasks.Load("mnist10k");
var space = new ModelSpace(new ModelSpaceOptions { MaxEpochs = 9 });
var objective = new ModelObjective(task, space, seed: 0);

using var storage = new SqliteStorage("model-search.db");
var study = Study.Create(new StudyOptions
{
    StudyName = "mnist10k-search",
    Storage = storage,
    LoadIfExists = true,
    Direction = task.Direction,
    Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 0 }),
    Pruner = new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = space.Options.MaxEpochs }),
});

int left = trials - study.Trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned);
study.Optimize(trial => objective.Evaluate(trial), new OptimizeOptions
{
    NTrials = Math.Max(0, left),
    Callback = (_, t) => Console.WriteLine($"trial {t.Number,2} {t.State,-8} {t.Value:P2}  {ModelObjective.ConfigOf(t).Describe()}"),
});

var best = study.BestTrial;
Console.WriteLine($"best trial #{best.Number}: validation accuracy {best.Value:P2}");
var (model, testAccuracy) = ModelTraining.FitFinal(ModelObjective.ConfigOf(best), task, objective.TrialSeed(best.Number));
Console.WriteLine($"retrained on train + validation: test accuracy {testAccuracy:P2}");
model.Save("mnist10k.model");
