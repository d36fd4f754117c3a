namespace Astrolabe.Bench.Importance;

/// <summary>
/// The studies both sides judge: each a list of (name, distribution) and an objective with a known structure, sampled
/// by a seeded RandomSampler so that the trials cover the space evenly.
/// </summary>
internal static class Problems
{
    public sealed record Problem(string Name, int Trials, (string Name, Distribution Distribution)[] Space, Func<IReadOnlyDictionary<string, double>, double> Objective);

    private static readonly FloatDistribution Unit = new(-1, 1);

    public static IReadOnlyList<Problem> All { get; } =
    [
        // One dominant parameter, one weak, one irrelevant.
        new("dominant", 200, [("x", Unit), ("y", Unit), ("z", Unit)], p => (10 * p["x"] * p["x"]) + (0.5 * p["y"])),

        // A pure interaction (x·y has no first-order part) next to a main effect; w irrelevant.
        new("interaction", 300, [("w", Unit), ("x", Unit), ("y", Unit), ("z", Unit)], p => (3 * p["x"] * p["y"]) + p["z"]),

        // Mixed kinds: a log float, a stepped int, a categorical; "noise" irrelevant.
        new("mixed", 300,
            [("act", new CategoricalDistribution(["relu", "tanh", "sigmoid"])), ("layers", new IntDistribution(1, 8)),
             ("lr", new FloatDistribution(1e-5, 1e-1, log: true)), ("noise", Unit)],
            p => Math.Pow(Math.Log10(p["lr"]) + 3, 2) + (0.3 * p["layers"]) + (new[] { 0.0, 2.0, 1.0 }[(int)p["act"]])),

        // The speed case: 1,000 trials × 10 floats, weights falling by half from one parameter to the next.
        new("speed-1000x10", 1000, [.. Enumerable.Range(0, 10).Select(i => ($"x{i}", (Distribution)Unit))],
            p => Enumerable.Range(0, 10).Sum(i => Math.Pow(0.5, i) * p[$"x{i}"] * p[$"x{i}"])),
    ];

    /// <summary>The problem's trials: a RandomSampler study of <see cref="Problem.Trials"/> trials, seed 0.</summary>
    public static Study Run(Problem problem)
    {
        var study = Study.Create(new StudyOptions { StudyName = problem.Name, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 0 }) });
        study.Optimize(trial =>
        {
            var values = new Dictionary<string, double>();
            foreach (var (name, distribution) in problem.Space)
            {
                values[name] = distribution switch
                {
                    FloatDistribution f => trial.SuggestFloat(name, f.Low, f.High, log: f.Log),
                    IntDistribution i => trial.SuggestInt(name, (int)i.Low, (int)i.High),
                    CategoricalDistribution c => c.IndexOf(trial.SuggestCategorical(name, c.Choices.Select(o => (string)o!).ToArray())),
                    _ => throw new InvalidOperationException(),
                };
            }

            return problem.Objective(values);
        }, nTrials: problem.Trials);
        return study;
    }
}
