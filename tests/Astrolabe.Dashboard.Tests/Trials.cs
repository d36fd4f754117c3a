namespace Astrolabe.Dashboard.Tests;

/// <summary>Builds trials and snapshots directly, without running a study.</summary>
internal static class Trials
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static FrozenTrial Make(
        int number,
        TrialState state,
        double[]? values = null,
        (string Name, double Internal, Distribution Dist)[]? ps = null,
        (long Step, double Value)[]? steps = null,
        double startSeconds = 0,
        double? endSeconds = null,
        Dictionary<string, object?>? systemAttrs = null) => new()
        {
            Number = number,
            TrialId = number + 1,
            State = state,
            Values = values,
            InternalParams = (ps ?? []).ToDictionary(p => p.Name, p => p.Internal),
            Distributions = (ps ?? []).ToDictionary(p => p.Name, p => p.Dist),
            IntermediateValues = new SortedDictionary<long, double>((steps ?? []).ToDictionary(s => s.Step, s => s.Value)),
            SystemAttrs = systemAttrs ?? [],
            DatetimeStart = T0.AddSeconds(startSeconds),
            DatetimeComplete = endSeconds is { } e ? T0.AddSeconds(e) : state.IsFinished() ? T0.AddSeconds(startSeconds + 1) : null,
        };

    public static StudySnapshot Minimize(params FrozenTrial[] trials) => StudySnapshot.Of("s", [StudyDirection.Minimize], trials);

    public static StudySnapshot Of(StudyDirection[] directions, params FrozenTrial[] trials) => StudySnapshot.Of("s", directions, trials);

    /// <summary>A study of <paramref name="n"/> Complete trials over x ∈ [-1, 1], lr (log) and act ∈ {relu, tanh}; value = x².</summary>
    public static StudySnapshot Search(int n, int seed = 1)
    {
        var rng = new Random(seed);
        var x = new FloatDistribution(-1, 1);
        var lr = new FloatDistribution(1e-4, 1, log: true);
        var act = new CategoricalDistribution(["relu", "tanh"]);
        var trials = new FrozenTrial[n];
        for (int i = 0; i < n; i++)
        {
            double xv = (rng.NextDouble() * 2) - 1;
            trials[i] = Make(i, TrialState.Complete, [xv * xv], [("x", xv, x), ("lr", Math.Pow(10, -4 * rng.NextDouble()), lr), ("act", rng.Next(2), act)], startSeconds: i);
        }

        return Minimize(trials);
    }
}
