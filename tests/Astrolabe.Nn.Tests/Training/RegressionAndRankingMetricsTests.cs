using Astrolabe.Nn.Data.Ratings;
using Astrolabe.Nn.Training;

namespace Astrolabe.Nn.Tests.Training;

public class RegressionAndRankingMetricsTests
{
    [Fact]
    public void Rmse_and_mae_by_hand()
    {
        float[] predicted = [3, 4, 2, 5], targets = [4, 4, 5, 3];
        Assert.Equal(Math.Sqrt((1 + 0 + 9 + 4) / 4.0), RegressionMetrics.Rmse<float>(predicted, targets), 12);
        Assert.Equal((1 + 0 + 3 + 2) / 4.0, RegressionMetrics.Mae<float>(predicted, targets), 12);
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => RegressionMetrics.Rmse<double>([], [])).Message, StringComparison.Ordinal);
        Assert.Contains("1 predictions but 2 targets", Assert.Throws<ArgumentException>(() => RegressionMetrics.Mae<double>([1], [1, 2])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_count_against_the_positive()
    {
        Assert.Equal(0, RankingMetrics.Rank(0.9f, [0.1f, 0.5f]));
        Assert.Equal(1, RankingMetrics.Rank(0.5f, [0.1f, 0.5f]));
        Assert.Equal(2, RankingMetrics.Rank(0.5f, [0.7f, 0.5f, 0.2f]));
        Assert.Throws<ArgumentException>(() => RankingMetrics.Rank(float.NaN, [0.1f]));
        Assert.Throws<ArgumentException>(() => RankingMetrics.Rank(0.2f, [float.NaN]));
    }

    [Fact]
    public void Hit_rate_and_ndcg_by_hand()
    {
        // ranks 0, 1, 3 and 12 with K = 10: three hits; gains 1, 1/log2(3), 1/log2(5), 0.
        var s = RankingMetrics.FromRanks([0, 1, 3, 12], 10);
        Assert.Equal(0.75, s.HitRate, 12);
        Assert.Equal((1 + (1 / Math.Log2(3)) + (1 / Math.Log2(5))) / 4, s.Ndcg, 12);
        Assert.Equal(0.25, RankingMetrics.FromRanks([0, 1, 3, 12], 1).HitRate, 12);
    }

    [Fact]
    public void Evaluate_scores_candidates_positive_first_and_checks_the_scorer()
    {
        var queries = new[] { new RankingQuery(0, 7, [1, 2, 3]), new RankingQuery(1, 2, [7, 8, 9]) };
        var s = RankingMetrics.Evaluate(queries, q => [.. q.Candidates().Select(i => (float)i)], k: 2);
        // query 0: 7 beats 1, 2, 3 → rank 0; query 1: 2 loses to 7, 8, 9 → rank 3.
        Assert.Equal((0.5, 0.5, 2, 2), (s.HitRate, s.Ndcg, s.K, s.Count));
        Assert.Contains("4 candidates but the scorer returned 2", Assert.Throws<ArgumentException>(() => RankingMetrics.Evaluate(queries, _ => [1f, 2f])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RankingMetrics.Evaluate([], _ => []));
    }
}
