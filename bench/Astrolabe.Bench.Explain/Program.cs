using System.Text.Json;
using Astrolabe.ModelSearch;
using Astrolabe.Nn;

// Permutation importance against scikit-learn: trains a linear model (no hidden layer: multinomial logistic
// regression, or linear regression for diabetes) on each dataset's training part, computes our permutation
// importance on its test part, and writes for compare.py: the model's weights and preprocessing (so that Python
// evaluates the very same function), the raw test rows, our drops, and the row permutations we drew (replayed from
// PermutationImportance's documented seeding: group g shuffles with Rng(seed · 1000003 + g)), so the comparison can
// be exact on our permutations as well as statistical against sklearn's own.
// Usage: Astrolabe.Bench.Explain OUT_DIR [REPEATS] [SEEDS] (seeds 0 … SEEDS − 1; a file per dataset and seed)
//        Astrolabe.Bench.Explain completeness [ROWS] [SEEDS] (integrated gradients' completeness error: Completeness.cs)
if (args.Length > 0 && args[0] == "completeness")
{
    Completeness.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

string outDir = args.Length > 0 ? args[0] : throw new ArgumentException("Usage: Astrolabe.Bench.Explain OUT_DIR [REPEATS] [SEEDS]");
int repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
int seeds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
Directory.CreateDirectory(outDir);
foreach (string name in new[] { "breast_cancer", "wine", "iris", "diabetes" })
{
    var task = BuiltInTasks.Load(name);
    var config = new ModelConfig { Hidden = [], Epochs = 60, LearningRate = 1e-2, BatchSize = 32 };
    var model = ModelTraining.Fit(config, task, task.Train, null, seed: 1);
    var linear = (Linear)((Sequential)model.Network).Layers[^1];
    var test = task.Raw.Test;
    for (int seed = 0; seed < seeds; seed++)
    {
    var started = System.Diagnostics.Stopwatch.StartNew();
    var result = new PermutationImportance { Repeats = repeats, Seed = seed }.Compute(model, test);
    double seconds = started.Elapsed.TotalSeconds;
    int n = test.Count, d = test.SampleSize;
    var permutations = new int[d][][];
    for (int g = 0; g < d; g++)
    {
        var rng = new Rng(unchecked((seed * 1_000_003L) + g));
        permutations[g] = new int[repeats][];
        for (int r = 0; r < repeats; r++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            rng.Shuffle<int>(order);
            permutations[g][r] = order;
        }
    }

    var export = new Dictionary<string, object?>
    {
        ["dataset"] = name,
        ["classification"] = model.IsClassification,
        ["weight"] = Enumerable.Range(0, linear.Weight.Dim(0)).Select(o => linear.Weight.Data.AsSpan(o * d, d).ToArray()).ToArray(),
        ["bias"] = linear.Bias!.Data,
        ["offset"] = model.Preprocessing.Offset,
        ["scale"] = model.Preprocessing.Scale,
        ["target_offset"] = model.Preprocessing.TargetOffset,
        ["target_scale"] = model.Preprocessing.TargetScale,
        ["x"] = Enumerable.Range(0, n).Select(i => test.Features.AsSpan(i * d, d).ToArray()).ToArray(),
        ["y"] = model.IsClassification ? test.Labels!.Select(v => (double)v).ToArray() : test.Targets!.Select(v => (double)v).ToArray(),
        ["predictions"] = model.Predict(test.Features),
        ["repeats"] = repeats,
        ["seed"] = seed,
        ["seconds"] = seconds,
        ["baseline"] = result.BaselineScore,
        ["mean"] = result.Features.Select(f => f.Mean).ToArray(),
        ["std"] = result.Features.Select(f => f.Std).ToArray(),
        ["drops"] = result.Features.Select(f => f.Drops).ToArray(),
        ["permutations"] = permutations,
    };
    File.WriteAllText(Path.Combine(outDir, $"{name}-{seed}.json"), JsonSerializer.Serialize(export));
    Console.Error.WriteLine($"{name}, seed {seed}: {n} test rows, {d} features, {repeats} repeats in {seconds:F2} s");
    }
}
