using Astrolabe.Nn.Data.Ratings;

namespace Astrolabe.Nn.Training;

/// <summary>
/// Sampled top-K ranking scores of implicit feedback (NCF's protocol): each query's positive is ranked among its
/// negatives; rank = the number of negatives scoring at least as high as the positive (0 = first; ties count against
/// the positive, so a constant scorer earns nothing). HR@K is the share of queries with rank &lt; K, NDCG@K the mean
/// of 1 / log₂(rank + 2) over those queries (0 for the others).
/// </summary>
public static class RankingMetrics
{
    /// <summary>The positive's 0-based rank among the negatives (ties counted against it).</summary>
    /// <param name="positive">The positive's score.</param>
    /// <param name="negatives">The negatives' scores.</param>
    /// <returns>The rank.</returns>
    /// <exception cref="ArgumentException">A NaN score.</exception>
    public static int Rank(float positive, ReadOnlySpan<float> negatives)
    {
        if (float.IsNaN(positive))
        {
            throw new ArgumentException("Rank: the positive's score is NaN.", nameof(positive));
        }

        int rank = 0;
        for (int k = 0; k < negatives.Length; k++)
        {
            rank += float.IsNaN(negatives[k])
                ? throw new ArgumentException($"Rank: negative {k}'s score is NaN.", nameof(negatives))
                : negatives[k] >= positive ? 1 : 0;
        }

        return rank;
    }

    /// <summary>Scores every query and summarises the ranks.</summary>
    /// <param name="queries">The queries (at least one).</param>
    /// <param name="score">Scores a query's <see cref="RankingQuery.Candidates"/> (the positive first), one score each.</param>
    /// <param name="k">The cut-off K (≥ 1; 10 in NCF).</param>
    /// <returns>HR@K and NDCG@K.</returns>
    /// <exception cref="ArgumentException">No queries, or a scorer that returns the wrong number of scores.</exception>
    public static RankingScore Evaluate(IReadOnlyList<RankingQuery> queries, Func<RankingQuery, float[]> score, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (queries.Count == 0)
        {
            throw new ArgumentException("RankingMetrics: no queries.", nameof(queries));
        }

        var ranks = new int[queries.Count];
        for (int q = 0; q < ranks.Length; q++)
        {
            var s = score(queries[q]);
            if (s is null || s.Length != queries[q].Negatives.Length + 1)
            {
                throw new ArgumentException($"RankingMetrics: query {q} has {queries[q].Negatives.Length + 1} candidates but the scorer returned {s?.Length ?? 0} scores.", nameof(score));
            }

            ranks[q] = Rank(s[0], s.AsSpan(1));
        }

        return FromRanks(ranks, k);
    }

    /// <summary>HR@K and NDCG@K of given ranks.</summary>
    /// <param name="ranks">0-based ranks (at least one).</param>
    /// <param name="k">The cut-off K (≥ 1).</param>
    /// <returns>The scores.</returns>
    public static RankingScore FromRanks(ReadOnlySpan<int> ranks, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (ranks.IsEmpty)
        {
            throw new ArgumentException("RankingMetrics: no ranks.", nameof(ranks));
        }

        double hits = 0, gain = 0;
        foreach (int rank in ranks)
        {
            if (rank < k)
            {
                hits++;
                gain += 1 / Math.Log2(rank + 2);
            }
        }

        return new RankingScore(hits / ranks.Length, gain / ranks.Length, k, ranks.Length);
    }
}

/// <summary>The sampled top-K ranking scores of a set of queries.</summary>
/// <param name="HitRate">HR@K: the share of queries whose positive ranks in the top K.</param>
/// <param name="Ndcg">NDCG@K with one relevant item per query.</param>
/// <param name="K">The cut-off.</param>
/// <param name="Count">The number of queries.</param>
public sealed record RankingScore(double HitRate, double Ndcg, int K, int Count);
