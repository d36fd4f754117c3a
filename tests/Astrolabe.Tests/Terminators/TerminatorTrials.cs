namespace Astrolabe.Tests.Terminators;

/// <summary>Complete trials built directly, for evaluators that read only trials.</summary>
internal static class TerminatorTrials
{
    public static readonly FloatDistribution Unit = new(0, 1);

    /// <summary>Complete trials of one float parameter "x" in [0, 1], numbered in order.</summary>
    public static List<FrozenTrial> OneDimensional(IEnumerable<double> xs, Func<double, double> f) =>
        [.. xs.Select((x, i) => Complete(i, f(x), new Dictionary<string, double> { ["x"] = x }))];

    public static FrozenTrial Complete(int number, double value, Dictionary<string, double> parameters, Dictionary<string, object?>? systemAttrs = null) => new()
    {
        Number = number,
        TrialId = number,
        State = TrialState.Complete,
        Values = [value],
        InternalParams = parameters,
        Distributions = parameters.ToDictionary(p => p.Key, Distribution (_) => Unit),
        SystemAttrs = systemAttrs ?? [],
    };

    /// <summary>The van der Corput sequence in base 2: points that fill [0, 1] evenly, whatever their count.</summary>
    public static IEnumerable<double> VanDerCorput(int count)
    {
        for (int i = 1; i <= count; i++)
        {
            double x = 0, f = 0.5;
            for (int k = i; k > 0; k >>= 1, f /= 2)
            {
                x += (k & 1) * f;
            }

            yield return x;
        }
    }
}
