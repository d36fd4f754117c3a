using Astrolabe.Nn.Data;
using Astrolabe.Nn.Data.Ratings;
using Astrolabe.Nn.Training;

namespace Astrolabe.Nn.Tests.Data.Ratings;

public class RatingBiasesTests
{
    [Fact]
    public void One_sweep_without_regularisation_gives_item_then_user_mean_residuals()
    {
        // μ = 3; item 0: (5 − 3 + 1 − 3) / 2 = 0, item 1: 4 − 3 = 1; user 0: (5 − 3 − 0 + 4 − 3 − 1) / 2 = 1, user 1: 1 − 3 − 0 = −2.
        var data = new RatingsDataset([0, 1, 0], [0, 0, 1], [5, 1, 4], userCount: 3, itemCount: 3);
        var b = RatingBiases.Fit(data, regUser: 0, regItem: 0, sweeps: 1);
        Assert.Equal(10.0 / 3, b.Mean, 12);
        Assert.Equal((5 - (10.0 / 3) + 1 - (10.0 / 3)) / 2, b.ItemBias(0), 12);
        Assert.Equal(b.Mean + b.UserBias(1) + b.ItemBias(0), b.Predict(1, 0), 12);
    }

    [Fact]
    public void Unknown_users_and_items_fall_back_to_the_mean_plus_the_known_bias()
    {
        var data = new RatingsDataset([0, 1, 0], [0, 0, 1], [5, 1, 4], userCount: 3, itemCount: 3);
        var b = RatingBiases.Fit(data);
        Assert.False(b.IsKnownUser(2));
        Assert.False(b.IsKnownUser(-1));
        Assert.False(b.IsKnownItem(2));
        Assert.False(b.IsKnownItem(99));
        Assert.Equal(b.Mean, b.Predict(2, 2), 12);
        Assert.Equal(b.Mean, b.Predict(-7, 99), 12);
        Assert.Equal(b.Mean + b.UserBias(0), b.Predict(0, 99), 12);
        Assert.Equal(b.Mean + b.ItemBias(1), b.Predict(2, 1), 12);
    }

    [Fact]
    public void On_insteval_the_fit_matches_the_numpy_peer()
    {
        // bench/Astrolabe.Bench.TextRec/peer_ratings.py: fit_biases(train, reg_u=15, reg_i=10, sweeps=10), then the
        // unclipped test RMSE and MAE, μ, b_user[0] and b_item[5] printed with repr().
        var split = RatingsFile.Load(DataFiles.Find("insteval.csv.gz"));
        var b = RatingBiases.Fit(split.Train, regUser: 15, regItem: 10);
        var predicted = b.Predict(split.Test);
        var targets = Array.ConvertAll(split.Test.Ratings, r => (double)r);
        Assert.Equal(3.203396750224545, b.Mean, 10);
        Assert.Equal(0.14132318274557001, b.UserBias(0), 10);
        Assert.Equal(0.3496447769410169, b.ItemBias(5), 10);
        Assert.Equal(1.2100980015219436, RegressionMetrics.Rmse<double>(predicted, targets), 10);
        Assert.Equal(1.0162400201892048, RegressionMetrics.Mae<double>(predicted, targets), 10);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var data = new RatingsDataset([], [], [], userCount: 3, itemCount: 3);
        Assert.Contains("no training ratings", Assert.Throws<ArgumentException>(() => RatingBiases.Fit(data)).Message, StringComparison.Ordinal);
        var one = new RatingsDataset([0], [0], [1], 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingBiases.Fit(one, regUser: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingBiases.Fit(one, sweeps: 0));
    }
}
