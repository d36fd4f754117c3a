namespace Astrolabe;

/// <summary>Which side a one-sided signed-rank test looks at.</summary>
internal enum SignedRankAlternative
{
    /// <summary>The differences tend to be positive (small p when the positive ranks dominate).</summary>
    Greater,

    /// <summary>The differences tend to be negative.</summary>
    Less,
}

/// <summary>
/// The one-sample (paired-differences) Wilcoxon signed-rank test with the "zsplit" treatment of zeros: zero
/// differences are ranked with the others and half of their rank goes to each side, so all-zero samples are
/// allowed. The statistic is R+ (sum of the ranks of positive differences, ties by mid-rank). The p-value is
/// exact (the null distribution of R+ by counting subsets of 1..n) for n ≤ 50 with no zero and no tie, and
/// otherwise the normal approximation with the tie correction of the variance and no continuity
/// correction, as SciPy's <c>wilcoxon(d, zero_method="zsplit", alternative=…)</c>.
/// </summary>
internal static class WilcoxonSignedRankTest
{
    /// <summary>The largest sample size tested exactly.</summary>
    public const int ExactLimit = 50;

    /// <summary>The one-sided p-value of <paramref name="differences"/> (NaN for an empty sample).</summary>
    public static double PValue(IReadOnlyList<double> differences, SignedRankAlternative alternative)
    {
        ArgumentNullException.ThrowIfNull(differences);
        int n = differences.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        var (ranks, tieGroups) = MidRanks(differences.Select(Math.Abs).ToArray());
        double rPlus = 0;
        bool hasZero = false;
        for (int i = 0; i < n; i++)
        {
            double d = differences[i];
            hasZero |= d == 0;
            rPlus += d > 0 ? ranks[i] : d == 0 ? ranks[i] / 2 : 0;
        }

        if (n <= ExactLimit && !hasZero && tieGroups.Count == 0)
        {
            return ExactPValue(n, (int)rPlus, alternative);
        }

        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1.0) * ((2.0 * n) + 1);
        foreach (int t in tieGroups)
        {
            variance -= 0.5 * t * ((double)t * t - 1);
        }

        double z = (rPlus - mean) / Math.Sqrt(variance / 24);
        return alternative == SignedRankAlternative.Greater ? NormalDistribution.Sf(z) : NormalDistribution.Cdf(z);
    }

    /// <summary>P(R+ ≥ r) or P(R+ ≤ r) under the null, where each of the ranks 1..n is positive with probability ½.</summary>
    internal static double ExactPValue(int n, int rPlus, SignedRankAlternative alternative)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++)
        {
            for (int s = (k * (k + 1) / 2); s >= k; s--)
            {
                counts[s] += counts[s - k];
            }
        }

        double tail = 0;
        int from = alternative == SignedRankAlternative.Greater ? Math.Max(rPlus, 0) : 0;
        int to = alternative == SignedRankAlternative.Greater ? max : Math.Min(rPlus, max);
        for (int s = from; s <= to; s++)
        {
            tail += counts[s];
        }

        return Math.Clamp(tail / Math.Pow(2, n), 0, 1);
    }

    /// <summary>Ranks 1..n of the values, ties sharing their mean rank; also the size of every group of ties.</summary>
    private static (double[] Ranks, List<int> TieGroups) MidRanks(double[] values)
    {
        int n = values.Length;
        int[] order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        var ties = new List<int>();
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            double rank = (start + end + 2) / 2.0;
            for (int j = start; j <= end; j++)
            {
                ranks[order[j]] = rank;
            }

            if (end > start)
            {
                ties.Add(end - start + 1);
            }

            start = end + 1;
        }

        return (ranks, ties);
    }
}
