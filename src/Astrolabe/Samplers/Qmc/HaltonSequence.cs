namespace Astrolabe;

/// <summary>
/// The Halton sequence: coordinate j is the radical inverse of the index in the j-th prime base. Scrambled,
/// every digit position of every coordinate has its own seeded random permutation of the digits (applied
/// also to the leading zeros, so the scrambled point 0 is not the origin).
/// </summary>
internal sealed class HaltonSequence : ILowDiscrepancySequence
{
    private readonly int[] bases;
    private readonly int[][][]? permutations;

    /// <summary>Creates the sequence; <paramref name="scrambleSeed"/> null gives the plain radical inverses.</summary>
    public HaltonSequence(int dimension, int? scrambleSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        bases = Primes(dimension);
        if (scrambleSeed is { } s)
        {
            var rng = new Random(s);
            permutations = new int[dimension][][];
            for (int j = 0; j < dimension; j++)
            {
                int digits = (int)Math.Ceiling(53 / Math.Log2(bases[j]));
                permutations[j] = new int[digits][];
                for (int d = 0; d < digits; d++)
                {
                    var p = Enumerable.Range(0, bases[j]).ToArray();
                    rng.Shuffle(p);
                    permutations[j][d] = p;
                }
            }
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public void Point(long index, Span<double> point)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        for (int j = 0; j < Dimension; j++)
        {
            int b = bases[j];
            double scale = 1.0 / b;
            double x = 0;
            long n = index;
            if (permutations is null)
            {
                for (; n > 0; n /= b, scale /= b)
                {
                    x += (n % b) * scale;
                }
            }
            else
            {
                foreach (var perm in permutations[j])
                {
                    x += perm[(int)(n % b)] * scale;
                    n /= b;
                    scale /= b;
                }
            }

            point[j] = Math.Min(x, 1.0 - (1.0 / (1L << 53)));
        }
    }

    private static int[] Primes(int count)
    {
        var primes = new List<int>(count);
        for (int c = 2; primes.Count < count; c++)
        {
            if (primes.TrueForAll(p => p * p > c || c % p != 0))
            {
                primes.Add(c);
            }
        }

        return [.. primes];
    }
}
