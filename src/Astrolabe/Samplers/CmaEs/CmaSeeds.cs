namespace Astrolabe;

/// <summary>Derives independent generator seeds from a run's seed and coordinates, so any worker can regenerate any individual.</summary>
internal static class CmaSeeds
{
    /// <summary>A seed for (seed, restart, generation, individual), mixed with SplitMix64.</summary>
    public static int Mix(long seed, long restart, long generation, long individual)
    {
        ulong h = (ulong)seed;
        h = Step(h ^ (ulong)restart);
        h = Step(h ^ (ulong)generation);
        h = Step(h ^ (ulong)individual);
        return (int)(h & 0x7FFFFFFF);
    }

    private static ulong Step(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
