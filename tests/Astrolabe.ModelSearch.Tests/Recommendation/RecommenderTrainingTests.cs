using Astrolabe.Nn.Data.Ratings;

namespace Astrolabe.ModelSearch.Tests.Recommendation;

/// <summary>Each family learns a low-rank ratings problem beyond the biases; training is deterministic; unknown ids fall back.</summary>
public sealed class RecommenderTrainingTests
{
    private static readonly RatingsTask Task = LowRankRatings.Create();

    private static RecommenderConfig Config(string family) => new()
    {
        Family = family,
        Factors = 4,
        Hidden = family == "mf" ? [] : [16],
        LearningRate = family == "mf" ? 0.03 : 0.01,
        EmbeddingL2 = 1e-4,
        BiasL2 = 1e-4,
        BatchSize = 32,
        Epochs = 40,
    };

    [Theory]
    [InlineData("mf")]
    [InlineData("neumf")]
    [InlineData("twotower")]
    public void EachFamilyLearnsTheInteractionTheBiasesMiss(string family)
    {
        double biases = BiasRmse(Task.Train, Task.Validation);
        var scores = new List<double>();
        var model = RecommenderTraining.Fit(Config(family), Task.Train, Task.Validation, seed: 3, (_, rmse) => scores.Add(rmse));
        Assert.Equal(40, scores.Count);
        Assert.Equal(scores[^1], model.ValidationRmse);
        Assert.True(scores[^1] < 0.7 * biases, $"{family}: validation RMSE {scores[^1]:F3}, biases alone {biases:F3}");
    }

    [Fact]
    public void TheSameSeedTrainsTheSameModel()
    {
        var config = Config("neumf") with { Epochs = 3, Dropout = 0.2 };
        var first = new List<double>();
        var second = new List<double>();
        RecommenderTraining.Fit(config, Task.Train, Task.Validation, seed: 7, (_, r) => first.Add(r));
        RecommenderTraining.Fit(config, Task.Train, Task.Validation, seed: 7, (_, r) => second.Add(r));
        Assert.Equal(first, second);
    }

    [Fact]
    public void UnknownIdsArePredictedByTheFittedBiases()
    {
        var model = RecommenderTraining.Fit(Config("mf") with { Epochs = 2 }, Task.Train, null, seed: 1);
        int unratedUser = LowRankRatings.Users - 1, unratedItem = LowRankRatings.Items - 1, knownUser = Task.Train.Users[0], knownItem = Task.Train.Items[0];
        Assert.True(model.IsKnown(knownUser, knownItem));
        foreach (var (u, i) in new[] { (unratedUser, knownItem), (knownUser, unratedItem), (10_000, knownItem), (-1, -1) })
        {
            Assert.False(model.IsKnown(u, i));
            float expected = (float)Math.Clamp(model.Fallback.Predict(u, i), model.MinRating, model.MaxRating);
            Assert.Equal(expected, model.Predict(u, i));
        }

        Assert.Equal((float)Math.Clamp(model.Fallback.Mean, 1, 5), model.Predict(10_000, 10_000), 5);
        Assert.NotEqual((float)model.Fallback.Predict(knownUser, knownItem), model.Predict(knownUser, knownItem));
    }

    [Fact]
    public void RankingScoresEveryQueryAndPredictionsAreClipped()
    {
        var model = RecommenderTraining.Fit(Config("mf") with { Epochs = 5 }, Task.Train, Task.Validation, seed: 1);
        var ranking = model.Rank(Task.TestQueries);
        Assert.Equal(Task.TestQueries.Count, ranking.Count);
        Assert.InRange(ranking.Ndcg, 0, 1);
        var all = model.Predict([.. Enumerable.Range(0, 2400).Select(k => k % LowRankRatings.Users)], [.. Enumerable.Range(0, 2400).Select(k => k % LowRankRatings.Items)]);
        Assert.All(all, p => Assert.InRange(p, model.MinRating, model.MaxRating));
    }

    [Fact]
    public void TheNetworkRefusesIdsOutsideItsTables()
    {
        var network = RecommenderFamilies.Mf.Build(Config("mf"), 3, 2, 3f, new Astrolabe.Nn.Rng(1));
        var e = Assert.ThrowsAny<ArgumentException>(() => network.Predict([3], [0]));
        Assert.Contains("index 3 is outside [0, 3)", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => network.Predict([0, 1], [0]));
        Assert.Contains("as many", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => network.Forward(new Astrolabe.Nn.Tensor([0f, 1f, 2f], [1, 3])));
        Assert.Contains("[batch, 2]", e.Message, StringComparison.Ordinal);
    }

    private static double BiasRmse(RatingsDataset train, RatingsDataset validation)
    {
        var biases = RatingBiases.Fit(train, RecommenderTraining.BiasRegUser, RecommenderTraining.BiasRegItem);
        var p = biases.Predict(validation);
        return Math.Sqrt(p.Select((x, k) => Math.Pow(Math.Clamp(x, 1, 5) - validation.Ratings[k], 2)).Average());
    }
}
