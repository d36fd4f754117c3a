namespace Astrolabe.Nn;

/// <summary>
/// The process-wide random source layers use when none is given (like <c>torch.manual_seed</c>): set a seed before
/// building a model and the same model comes out every run.
/// </summary>
public static class Seed
{
    private static readonly Lock s_lock = new();
    private static Rng s_rng = new(0);

    /// <summary>Reseeds the shared source.</summary>
    /// <param name="seed">The seed.</param>
    public static void Manual(long seed)
    {
        lock (s_lock)
        {
            s_rng = new Rng(seed);
        }
    }

    /// <summary>A new source derived from the shared one (advancing it), for a layer that was given none.</summary>
    /// <returns>An independent source.</returns>
    public static Rng Next()
    {
        lock (s_lock)
        {
            return new Rng((long)s_rng.NextUInt64());
        }
    }
}
