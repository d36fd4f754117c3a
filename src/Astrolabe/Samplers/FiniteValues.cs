namespace Astrolabe;

/// <summary>Enumerates the values of a finite distribution (ints, stepped floats, categoricals).</summary>
internal static class FiniteValues
{
    /// <summary>Every user-facing value of the distribution; throws for a continuous one.</summary>
    public static IReadOnlyList<object?> Of(string name, Distribution distribution) => distribution switch
    {
        IntDistribution i => Enumerable.Range(0, checked((int)i.Count)).Select(k => (object?)(i.Low + (k * i.Step))).ToList(),
        FloatDistribution { Step: { } s } f => Enumerable.Range(0, (int)Math.Round((f.High - f.Low) / s) + 1)
            .Select(k => (object?)Math.Min(f.High, f.Low + (k * s))).ToList(),
        FloatDistribution { IsSingle: true } f => [f.Low],
        CategoricalDistribution c => c.Choices,
        _ => throw new ArgumentException($"Parameter '{name}' has a continuous distribution {distribution}; exhaustive search needs a finite one (give a step)."),
    };

    /// <summary>Every internal value of the distribution, in order.</summary>
    public static IReadOnlyList<double> Internal(string name, Distribution distribution) =>
        Of(name, distribution).Select(distribution.ToInternal).ToList();
}
