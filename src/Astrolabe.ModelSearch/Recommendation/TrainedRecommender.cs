using Astrolabe.Nn;
using Astrolabe.Nn.Data.Ratings;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A trained rating model with its fallback. Predictions are clipped to [<see cref="MinRating"/>,
/// <see cref="MaxRating"/>]. A pair whose user or item the network never trained on — an id outside its tables, or
/// one with no rating in the data it was trained on — is predicted by <see cref="Fallback"/>, the bias baseline
/// fitted on the same data: μ plus whichever bias is known (just μ when neither is).
/// </summary>
public sealed class TrainedRecommender
{
    private const int EvalBatch = 8192;

    internal TrainedRecommender(RecommenderNetwork network, RecommenderConfig config, RatingBiases fallback, float minRating, float maxRating)
    {
        Network = network;
        Config = config;
        Fallback = fallback;
        MinRating = minRating;
        MaxRating = maxRating;
    }

    /// <summary>The network (in evaluation mode once training ended).</summary>
    public RecommenderNetwork Network { get; }

    /// <summary>What was trained.</summary>
    public RecommenderConfig Config { get; }

    /// <summary>The bias baseline for unknown ids, fitted on the training ratings.</summary>
    public RatingBiases Fallback { get; }

    /// <summary>The lowest prediction (the smallest training rating).</summary>
    public float MinRating { get; }

    /// <summary>The highest prediction (the largest training rating).</summary>
    public float MaxRating { get; }

    /// <summary>The validation RMSE after the last epoch, or null when trained without validation data.</summary>
    public double? ValidationRmse { get; internal set; }

    /// <summary>Whether the network predicts this pair (both ids in its tables and seen in training); otherwise the fallback does.</summary>
    /// <param name="user">A user id (any value).</param>
    /// <param name="item">An item id (any value).</param>
    /// <returns>True when the network predicts it.</returns>
    public bool IsKnown(int user, int item) => Fallback.IsKnownUser(user) && Fallback.IsKnownItem(item)
        && (uint)user < (uint)Network.UserCount && (uint)item < (uint)Network.ItemCount;

    /// <summary>Predicts one rating, clipped.</summary>
    /// <param name="user">A user id (any value).</param>
    /// <param name="item">An item id (any value).</param>
    /// <returns>The predicted rating.</returns>
    public float Predict(int user, int item) => Predict([user], [item])[0];

    /// <summary>Predicts ratings, clipped; unknown ids go to the fallback.</summary>
    /// <param name="users">User ids (any values).</param>
    /// <param name="items">Item ids, as many.</param>
    /// <returns>One prediction per pair.</returns>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public float[] Predict(int[] users, int[] items) => Predict(users, items, clip: true);

    private float[] Predict(int[] users, int[] items, bool clip)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        if (users.Length != items.Length)
        {
            throw new ArgumentException($"TrainedRecommender: {users.Length} users but {items.Length} items.", nameof(items));
        }

        var result = new float[users.Length];
        var known = new List<int>(users.Length);
        for (int s = 0; s < result.Length; s++)
        {
            if (IsKnown(users[s], items[s]))
            {
                known.Add(s);
            }
            else
            {
                result[s] = (float)Fallback.Predict(users[s], items[s]);
            }
        }

        bool training = Network.IsTraining;
        Network.Eval();
        using (GradMode.NoGrad())
        {
            for (int start = 0; start < known.Count; start += EvalBatch)
            {
                int n = Math.Min(EvalBatch, known.Count - start);
                var rows = known.GetRange(start, n);
                var p = Network.Predict([.. rows.Select(r => users[r])], [.. rows.Select(r => items[r])]).Prediction.Data;
                for (int k = 0; k < n; k++)
                {
                    result[rows[k]] = p[k];
                }
            }
        }

        Network.Train(training);
        for (int s = 0; s < result.Length && clip; s++)
        {
            result[s] = Math.Clamp(result[s], MinRating, MaxRating);
        }

        return result;
    }

    /// <summary>RMSE and MAE of the clipped predictions on <paramref name="data"/>.</summary>
    /// <param name="data">Ratings (at least one).</param>
    /// <returns>The scores.</returns>
    public RatingScore Score(RatingsDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = Predict(data.Users, data.Items);
        return new RatingScore(RegressionMetrics.Rmse<float>(p, data.Ratings), RegressionMetrics.Mae<float>(p, data.Ratings));
    }

    /// <summary>
    /// Sampled top-K ranking: each query's candidates scored by their predicted rating, not clipped (clipping would
    /// tie every candidate predicted above the scale, and ties count against the positive).
    /// </summary>
    /// <param name="queries">The queries (at least one).</param>
    /// <param name="k">The cut-off (default 10).</param>
    /// <returns>HR@K and NDCG@K (ties count against the positive).</returns>
    public RankingScore Rank(IReadOnlyList<RankingQuery> queries, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var users = queries.SelectMany(q => Enumerable.Repeat(q.User, q.Negatives.Length + 1)).ToArray();
        var items = queries.SelectMany(q => q.Candidates()).ToArray();
        var scores = Predict(users, items, clip: false);
        var offsets = new Dictionary<RankingQuery, int>(ReferenceEqualityComparer.Instance);
        int at = 0;
        foreach (var q in queries)
        {
            offsets.TryAdd(q, at);
            at += q.Negatives.Length + 1;
        }

        return RankingMetrics.Evaluate(queries, q => scores.AsSpan(offsets[q], q.Negatives.Length + 1).ToArray(), k);
    }
}

/// <summary>Rating-prediction errors of clipped predictions.</summary>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
public sealed record RatingScore(double Rmse, double Mae);
