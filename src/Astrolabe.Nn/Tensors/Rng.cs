using System.Runtime.CompilerServices;

namespace Astrolabe.Nn;

/// <summary>
/// A seeded pseudo-random source (xoshiro256**): the same seed gives the same stream on every platform and run.
/// </summary>
/// <remarks>Not thread-safe; give each thread its own instance.</remarks>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spare;

    /// <summary>Creates a source from a seed.</summary>
    /// <param name="seed">The seed.</param>
    public Rng(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>A uniform double in [0, 1).</summary>
    /// <returns>The sample.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Sets each element of <paramref name="mask"/> to <paramref name="keep"/> when the next <see cref="NextDouble"/>
    /// would be at least <paramref name="p"/>, else to 0: the same draws, in the same order, as one call per element,
    /// with the generator's state held in registers and no branch on the draw (u·2⁻⁵³ ≥ p exactly when the 53-bit
    /// integer u ≥ ⌈p·2⁵³⌉; the sign of their difference selects the value).
    /// </summary>
    internal void FillMask(Span<float> mask, double p, float keep)
    {
        long threshold = (long)Math.Ceiling(p * (1UL << 53));
        int keepBits = BitConverter.SingleToInt32Bits(keep);
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < mask.Length; i++)
        {
            ulong result = Step(ref s0, ref s1, ref s2, ref s3);
            long dropped = ((long)(result >> 11) - threshold) >> 63;
            mask[i] = BitConverter.Int32BitsToSingle(keepBits & (int)~dropped);
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    /// <param name="maxExclusive">The exclusive upper bound (positive).</param>
    /// <returns>The sample.</returns>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A standard normal sample (Box–Muller).</summary>
    /// <returns>The sample.</returns>
    public double NextNormal()
    {
        if (_spare is double s)
        {
            _spare = null;
            return s;
        }

        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>One xoshiro256** step: the output of the state, then the state advanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
