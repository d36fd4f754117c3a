using System.Globalization;
using System.Text.Json;
using Astrolabe;
using Astrolabe.Bench.Pruning;

// Random search (RandomSampler, one seed per repetition) over synthetic MLP learning curves with a fixed
// trial budget, without pruning, with MedianPruner() and with HyperbandPruner(1, EPOCHS, 3). Every arm of a
// seed draws the same configurations in the same order (pruning does not change what the sampler draws) and
// sees the same noisy curves. Prints "<arm> <seed> <epochs spent> <best final accuracy of a Complete trial>
// <pruned count> <pruned trials as number@epoch>" per run; with a path as fourth argument also writes each seed's configurations as JSON
// for the Python peer. Usage: [seeds=10] [trials=100] [epochs=27] [configs.json|-] [hyperband min resource=1]
int seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 27;
string? dump = args.Length > 3 && args[3] != "-" ? args[3] : null;
int minResource = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;

var arms = new (string Name, Func<Pruner> Create)[]
{
    ("none", () => new NopPruner()),
    ("median", () => new MedianPruner()),
    ("hyperband", () => new HyperbandPruner(new HyperbandPrunerOptions { MinResource = minResource, MaxResource = epochs, ReductionFactor = 3 })),
};
var configs = new Dictionary<string, List<Dictionary<string, object?>>>();
for (int seed = 1; seed <= seeds; seed++)
{
    foreach (var (name, create) in arms)
    {
        var study = Study.Create(new StudyOptions
        {
            StudyName = $"pruning-{seed}",
            Direction = StudyDirection.Maximize,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }),
            Pruner = create(),
        });
        int s = seed;
        study.Optimize(trial =>
        {
            double lr = trial.SuggestFloat("lr", 1e-4, 1, log: true);
            int width = trial.SuggestInt("width", 16, 512, log: true);
            int depth = trial.SuggestInt("depth", 1, 3);
            double dropout = trial.SuggestFloat("dropout", 0, 0.5);
            double accuracy = 0;
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                accuracy = SyntheticCurves.Accuracy(lr, width, depth, dropout, epoch, s, trial.Number);
                trial.Report(accuracy, epoch);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return accuracy;
        }, nTrials: trials);

        var all = study.Trials;
        long spent = all.Sum(t => (long)t.IntermediateValues.Count);
        double best = study.BestValue;
        var pruned = all.Where(t => t.State == TrialState.Pruned).Select(t => $"{t.Number}@{t.LastStep}").ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {seed} {spent} {best:F4} {pruned.Count} {string.Join(",", pruned)}"));
        if (name == "none")
        {
            configs[seed.ToString(CultureInfo.InvariantCulture)] = all.Select(t => new Dictionary<string, object?>(t.Params)).ToList();
        }
    }
}

if (dump is not null)
{
    File.WriteAllText(dump, JsonSerializer.Serialize(configs));
}
