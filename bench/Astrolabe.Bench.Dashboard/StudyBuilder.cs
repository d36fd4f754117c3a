using Astrolabe;
using Astrolabe.Dashboard;

/// <summary>Writes a large study straight through the storage API (one CreateTrial per finished trial).</summary>
internal static class StudyBuilder
{
    public static void Build(IStorage storage, string name, int trials, int seed)
    {
        int study = storage.CreateStudy(name, [StudyDirection.Minimize]);
        var x = new FloatDistribution(-5, 5);
        var lr = new FloatDistribution(1e-5, 1e-1, log: true);
        var layers = new IntDistribution(1, 8);
        var act = new CategoricalDistribution(["relu", "tanh", "gelu"]);
        var rng = new Random(seed);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (int i = 0; i < trials; i++)
        {
            double xv = (rng.NextDouble() * 10) - 5, lrv = Math.Exp(Math.Log(1e-5) + (rng.NextDouble() * Math.Log(1e4)));
            double layersv = rng.Next(1, 9), actv = rng.Next(3);
            double value = (xv * xv) + Math.Abs(Math.Log10(lrv) + 3) + (0.1 * layersv) + actv;
            double roll = rng.NextDouble();
            var state = roll < 0.80 ? TrialState.Complete : roll < 0.95 ? TrialState.Pruned : TrialState.Fail;
            var steps = new SortedDictionary<long, double>();
            if (state == TrialState.Pruned)
            {
                for (int s = 0; s < 10; s++)
                {
                    steps[s] = value + (10.0 / (s + 1));
                }
            }

            var begin = start.AddSeconds(i * 0.5);
            storage.CreateTrial(study, new FrozenTrial
            {
                State = state,
                Values = state == TrialState.Fail ? null : [state == TrialState.Pruned ? steps[9] : value],
                InternalParams = new Dictionary<string, double> { ["x"] = xv, ["lr"] = lrv, ["layers"] = layersv, ["act"] = actv },
                Distributions = new Dictionary<string, Distribution> { ["x"] = x, ["lr"] = lr, ["layers"] = layers, ["act"] = act },
                IntermediateValues = steps,
                DatetimeStart = begin,
                DatetimeComplete = begin.AddSeconds(0.4 + rng.NextDouble()),
                SystemAttrs = new Dictionary<string, object?> { [TimelinePlot.WorkerIdKey] = $"worker-{i % 4}" },
            });
        }
    }
}
