using Astrolabe.Nn.Data;
using Astrolabe.Nn.Data.Ratings;
using Astrolabe.Nn.Training;

namespace Astrolabe.Nn.Tests.Data.Ratings;

public class RankingQueriesTests
{
    [Fact]
    public void The_shipped_negatives_are_99_unrated_items_per_test_user()
    {
        var split = RatingsFile.Load(DataFiles.Find("insteval.csv.gz"));
        var queries = RankingQueries.Load(DataFiles.Find("insteval_test_negatives.csv.gz"));
        Assert.Equal(2642, queries.Count);
        var rated = Rated(split.Train, split.Validation, split.Test);
        var firstTest = new Dictionary<int, int>();
        for (int s = 0; s < split.Test.Count; s++)
        {
            firstTest.TryAdd(split.Test.Users[s], split.Test.Items[s]);
        }

        Assert.Equal(firstTest.Count, queries.Count);
        foreach (var q in queries)
        {
            Assert.Equal(firstTest[q.User], q.Positive);
            Assert.Equal(99, q.Negatives.Distinct().Count());
            Assert.All(q.Negatives, i => Assert.DoesNotContain((q.User, i), rated));
            Assert.All(q.Negatives, i => Assert.InRange(i, 0, 1127));
        }
    }

    [Fact]
    public void Popularity_on_the_shipped_queries_matches_the_numpy_peer()
    {
        // bench/Astrolabe.Bench.TextRec/peer_ratings.py: ranking(np.bincount(train items), negatives file) printed with repr().
        var split = RatingsFile.Load(DataFiles.Find("insteval.csv.gz"));
        var queries = RankingQueries.Load(DataFiles.Find("insteval_test_negatives.csv.gz"));
        var popularity = ItemPopularity.Fit(split.Train);
        var score = RankingMetrics.Evaluate(queries, q => popularity.Score(q.Candidates()));
        Assert.Equal(0.4360333080999243, score.HitRate, 12);
        Assert.Equal(0.22655337775687232, score.Ndcg, 12);
        Assert.Equal((10, 2642), (score.K, score.Count));
    }

    [Fact]
    public void Sampled_queries_take_each_users_first_held_out_item_and_unrated_negatives_deterministically()
    {
        var train = new RatingsDataset([0, 0, 1, 2], [0, 1, 2, 3], [5, 4, 3, 2], userCount: 3, itemCount: 8);
        var test = new RatingsDataset([1, 0, 1], [4, 5, 6], [1, 1, 1], userCount: 3, itemCount: 8);
        var a = RankingQueries.Sample(test, [train], negatives: 4, new Rng(3));
        var b = RankingQueries.Sample(test, [train], negatives: 4, new Rng(3));
        Assert.Equal([(0, 5), (1, 4)], a.Select(q => (q.User, q.Positive)));
        Assert.Equal(a.Select(q => q.Negatives), b.Select(q => q.Negatives));
        Assert.All(a[0].Negatives, i => Assert.DoesNotContain(i, new[] { 0, 1, 5 }));
        Assert.All(a[1].Negatives, i => Assert.DoesNotContain(i, new[] { 2, 4, 6 }));
        Assert.All(a, q => Assert.Equal(4, q.Negatives.Distinct().Count()));
        var e = Assert.Throws<ArgumentException>(() => RankingQueries.Sample(test, [train], negatives: 6, new Rng(3)));
        Assert.Contains("user 0 left only 5 unrated items", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Popularity_scores_training_counts_and_zero_for_unknown_items()
    {
        var train = new RatingsDataset([0, 1, 2, 2], [1, 1, 0, 1], [5, 4, 3, 2], userCount: 3, itemCount: 3);
        var p = ItemPopularity.Fit(train);
        Assert.Equal([1f, 3f, 0f, 0f, 0f], p.Score([0, 1, 2, 3, -1]));
    }

    private static HashSet<(int, int)> Rated(params RatingsDataset[] parts) =>
        [.. parts.SelectMany(p => Enumerable.Range(0, p.Count).Select(s => (p.Users[s], p.Items[s])))];
}
