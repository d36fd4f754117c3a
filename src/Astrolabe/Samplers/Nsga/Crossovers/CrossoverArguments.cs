namespace Astrolabe;

/// <summary>Checks of the numbers crossovers and the genetic samplers' options take, with one message each.</summary>
internal static class CrossoverArguments
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> unless <paramref name="value"/> is in [0, 1].</summary>
    public static void CheckProbability(double value, string name)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentException($"{name} must be a probability in [0, 1], not {value}.");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless a distribution index is null or a finite number ≥ 0.</summary>
    public static void CheckDistributionIndex(double? eta)
    {
        if (eta is { } e && (!double.IsFinite(e) || e < 0))
        {
            throw new ArgumentException($"The distribution index eta must be null or a finite number ≥ 0, not {e}.");
        }
    }
}
