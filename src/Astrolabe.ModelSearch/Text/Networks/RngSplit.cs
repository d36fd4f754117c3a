using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>Independent random sources drawn from one, so each layer of a text network has its own, in build order.</summary>
internal static class RngSplit
{
    public static Rng Derive(this Rng rng) => new((long)rng.NextUInt64());
}
