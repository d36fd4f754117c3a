using System.Numerics;

namespace Astrolabe;

/// <summary>
/// The Sobol sequence in Gray-code order with Joe and Kuo's direction numbers, 32 bits per coordinate.
/// Unscrambled, point i equals the published one (point 0 is the origin). Scrambled, each coordinate goes
/// through a seeded nested uniform (Owen) scramble, in Burley's hash-based form (2020): the bits are
/// reversed, permuted by a Laine–Karras style hash that only lets higher bits affect lower ones, and
/// reversed back, which flips every digit depending on all digits above it.
/// </summary>
internal sealed class SobolSequence : ILowDiscrepancySequence
{
    private const int Bits = 32;
    private readonly uint[][] directions;
    private readonly uint[]? seeds;

    /// <summary>Creates the sequence; <paramref name="scrambleSeed"/> null gives the unscrambled points.</summary>
    public SobolSequence(int dimension, int? scrambleSeed)
    {
        if (dimension < 1 || dimension > JoeKuoDirections.MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"The Sobol sequence supports 1 to {JoeKuoDirections.MaxDimension} dimensions.");
        }

        Dimension = dimension;
        directions = new uint[dimension][];
        for (int j = 0; j < dimension; j++)
        {
            directions[j] = Directions(j);
        }

        if (scrambleSeed is { } s)
        {
            var rng = new Random(s);
            seeds = new uint[dimension];
            for (int j = 0; j < dimension; j++)
            {
                seeds[j] = (uint)rng.NextInt64(0, 1L << 32);
            }
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public void Point(long index, Span<double> point)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 1L << Bits);
        ulong gray = (ulong)index ^ ((ulong)index >> 1);
        for (int j = 0; j < Dimension; j++)
        {
            uint x = 0;
            ulong g = gray;
            for (int bit = 0; g != 0; bit++, g >>= 1)
            {
                if ((g & 1) != 0)
                {
                    x ^= directions[j][bit];
                }
            }

            if (seeds is not null)
            {
                x = NestedUniformScramble(x, seeds[j]);
            }

            point[j] = x / 4294967296.0;
        }
    }

    /// <summary>Owen-scrambles a 32-bit fraction (Burley 2020, "Practical Hash-based Owen Scrambling").</summary>
    internal static uint NestedUniformScramble(uint x, uint seed)
    {
        x = ReverseBits(x);
        x ^= x * 0x3d20adeau;
        x += seed;
        x *= (seed >> 16) | 1u;
        x ^= x * 0x05526c56u;
        x ^= x * 0x53a22864u;
        return ReverseBits(x);
    }

    private static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        return BitOperations.RotateLeft(((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8), 16);
    }

    /// <summary>The direction integers v_k = m_k · 2^(32−k) of one dimension (0-based).</summary>
    private static uint[] Directions(int dim)
    {
        var v = new uint[Bits];
        if (dim == 0)
        {
            for (int k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return v;
        }

        var (s, a, m0) = JoeKuoDirections.Rows[dim - 1];
        var m = new uint[Bits];
        for (int k = 0; k < Bits; k++)
        {
            if (k < s)
            {
                m[k] = (uint)m0[k];
                continue;
            }

            uint next = m[k - s] ^ (m[k - s] << s);
            for (int i = 1; i < s; i++)
            {
                if (((a >> (s - 1 - i)) & 1) != 0)
                {
                    next ^= m[k - i] << i;
                }
            }

            m[k] = next;
        }

        for (int k = 0; k < Bits; k++)
        {
            v[k] = m[k] << (Bits - 1 - k);
        }

        return v;
    }
}
