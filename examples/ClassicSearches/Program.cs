// The two classic strategies on one model space, side by side: random search (every parameter drawn independently)
// and grid search (every combination of a few values). The space is the model search's, narrowed to an MLP so that
// a grid over it stays small; a choice with one value is a constant and not part of the grid.
// Run: dotnet run -c Release --project examples/ClassicSearches
using Astrolabe;
using Astrolabe.ModelSearch;

var task = BuiltInTasks.Load("digits");
var space = new ModelSpace(new ModelSpaceOptions
{
    Families = [ModelFamilies.Mlp], MinLayers = 1, MaxLayers = 2, Normalizations = [NormalizationKind.None], Penalties = [PenaltyKind.None], ClipNorms = [0],
    Optimizers = [OptimizerKind.Adam, OptimizerKind.Sgd], Activations = [ActivationKind.Relu, ActivationKind.Tanh], MaxDropout = 0, BatchSizes = [32],
    Schedules = [ScheduleKind.Cosine],
    MinEpochs = 10, MaxEpochs = 10, MinLearningRate = 1e-3, MaxLearningRate = 1e-1,
});
var objective = new ModelObjective(task, space, seed: 1);

Dictionary<string, IReadOnlyList<object?>> grid = new()
{
    ["mlp_layers"] = [1, 2],
    ["mlp_units_l0"] = [32, 128],
    ["mlp_units_l1"] = [32, 128],
    ["activation"] = ["relu", "tanh"],
    ["optimizer"] = ["adam", "sgd"],
    ["momentum"] = [0.9],
    ["lr"] = [3e-3, 3e-2],
};
var searches = new (string Name, Sampler Sampler)[]
{
    ("random", new RandomSampler(new RandomSamplerOptions { Seed = 1 })),
    ("grid", new GridSampler(new GridSamplerOptions { SearchSpace = grid, Seed = 1 })),
};
foreach (var (name, sampler) in searches)
{
    var study = Study.Create(new StudyOptions { StudyName = name, Direction = task.Direction, Sampler = sampler });
    // The grid has 2·2·2·2·2·1·2 = 64 points. A conditional parameter a trial does not draw (the second layer's width
    // of a one-layer MLP, SGD's momentum under Adam) is ignored, so such points repeat a model, as in Optuna's grid.
    study.Optimize(trial => objective.Evaluate(trial), nTrials: 64);
    var best = study.BestTrial;
    var (_, test) = ModelTraining.FitFinal(ModelObjective.ConfigOf(best), task, objective.TrialSeed(best.Number));
    Console.WriteLine($"{name,-6}: {study.Trials.Count} trials, best validation accuracy {best.Value:P2} (trial #{best.Number}), test {test:P2}");
    Console.WriteLine($"        {ModelObjective.ConfigOf(best).Describe()}");
}
