namespace Astrolabe.Tests.Importance;

/// <summary>Complete trials built directly, for importance tests.</summary>
internal static class ImportanceTrials
{
    public static readonly FloatDistribution Unit = new(0, 1);

    /// <summary>
    /// <paramref name="count"/> Complete trials of the float parameters <paramref name="names"/> in [0, 1], drawn with
    /// a fixed seed, valued by <paramref name="f"/> of the parameters in that order.
    /// </summary>
    public static List<FrozenTrial> Random(int count, string[] names, Func<double[], double> f, int seed = 1)
    {
        var random = new Random(seed);
        var trials = new List<FrozenTrial>();
        for (int i = 0; i < count; i++)
        {
            double[] x = [.. names.Select(_ => random.NextDouble())];
            trials.Add(Complete(i, [f(x)], names.Select((n, k) => (n, x[k], (Distribution)Unit))));
        }

        return trials;
    }

    public static FrozenTrial Complete(int number, double[] values, IEnumerable<(string Name, double Value, Distribution Distribution)> parameters,
        TrialState state = TrialState.Complete, Dictionary<string, object?>? userAttrs = null)
    {
        var list = parameters.ToList();
        return new FrozenTrial
        {
            Number = number,
            TrialId = number,
            State = state,
            Values = state == TrialState.Complete ? values : null,
            InternalParams = list.ToDictionary(p => p.Name, p => p.Value),
            Distributions = list.ToDictionary(p => p.Name, p => p.Distribution),
            UserAttrs = userAttrs ?? [],
        };
    }
}
