namespace Astrolabe;

/// <summary>Creates generators that are reproducible for a seed across runs and platforms.</summary>
internal static class SeededRandom
{
    /// <summary>A seeded generator, or one seeded from entropy when <paramref name="seed"/> is null.</summary>
    public static Random Create(int? seed) => seed is { } s ? new Random(s) : new Random(Random.Shared.Next());
}
