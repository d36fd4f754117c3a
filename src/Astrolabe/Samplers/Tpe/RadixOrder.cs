namespace Astrolabe;

/// <summary>
/// Sorts finite doubles together with their indices in linear time: a least-significant-digit radix sort over
/// the 64-bit keys that order like the values, one byte per pass, skipping the bytes every key shares (values of
/// one parameter mostly share sign and exponent). Stable: equal values keep their index order. Short inputs go
/// to <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>, where a radix sort's passes cost more than the
/// comparisons.
/// </summary>
internal static class RadixOrder
{
    /// <summary>Below this many values the comparison sort is used.</summary>
    public const int MinLength = 64;

    /// <summary>Sorts <paramref name="values"/> ascending and permutes <paramref name="indices"/> alike.</summary>
    public static void Sort(double[] values, int[] indices)
    {
        int n = values.Length;
        if (n != indices.Length)
        {
            throw new ArgumentException("Values and indices differ in length.");
        }

        if (n < MinLength)
        {
            Array.Sort(values, indices);
            return;
        }

        var keys = new ulong[n];
        ulong and = ulong.MaxValue, or = 0;
        for (int i = 0; i < n; i++)
        {
            keys[i] = Key(values[i]);
            and &= keys[i];
            or |= keys[i];
        }

        var otherKeys = new ulong[n];
        var otherIndices = new int[n];
        var counts = new int[256];
        ulong[] k = keys, k2 = otherKeys;
        int[] ix = indices, ix2 = otherIndices;
        for (int shift = 0; shift < 64; shift += 8)
        {
            if (((and ^ or) >> shift & 0xFF) == 0)
            {
                continue; // every key has the same byte here
            }

            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[(int)(k[i] >> shift) & 0xFF]++;
            }

            for (int b = 0, sum = 0; b < 256; b++)
            {
                (counts[b], sum) = (sum, sum + counts[b]);
            }

            for (int i = 0; i < n; i++)
            {
                int slot = counts[(int)(k[i] >> shift) & 0xFF]++;
                k2[slot] = k[i];
                ix2[slot] = ix[i];
            }

            (k, k2) = (k2, k);
            (ix, ix2) = (ix2, ix);
        }

        if (!ReferenceEquals(ix, indices))
        {
            Array.Copy(ix, indices, n);
        }

        for (int i = 0; i < n; i++)
        {
            values[i] = Value(k[i]);
        }
    }

    // Non-negative doubles order like their bits with the sign bit set; negative ones like their bits inverted.
    private static ulong Key(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    private static double Value(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key));
}
