using Astrolabe.Nn.Data.Ratings;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A rating-prediction task: (user, item, rating) parts sharing user and item counts, scored by RMSE (minimised; report
/// MAE beside it), and sampled-ranking queries for HR@10 / NDCG@10 on the test users. Every validation and test user
/// and item has training ratings; for ids a model never saw, <see cref="Fallback"/> predicts the training mean plus
/// whichever bias is known.
/// </summary>
public sealed class RatingsTask
{
    private readonly Lazy<RatingBiases> _fallback;

    /// <summary>Creates a task.</summary>
    /// <param name="name">The task's name.</param>
    /// <param name="parts">The train, validation and test ratings (same user and item counts, all non-empty).</param>
    /// <param name="testQueries">The test ranking queries (may be empty when the task has none).</param>
    /// <exception cref="ArgumentException">A part is empty or the counts disagree.</exception>
    public RatingsTask(string name, RatingsSplit parts, IReadOnlyList<RankingQuery> testQueries)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(testQueries);
        var (train, validation, test) = (parts.Train, parts.Validation, parts.Test);
        if (train.Count == 0 || validation.Count == 0 || test.Count == 0
            || validation.UserCount != train.UserCount || test.UserCount != train.UserCount
            || validation.ItemCount != train.ItemCount || test.ItemCount != train.ItemCount)
        {
            throw new ArgumentException($"Task '{name}' needs non-empty train, validation and test ratings with the same user and item counts.");
        }

        Name = name;
        Parts = parts;
        TestQueries = testQueries;
        MinRating = train.Ratings.Min();
        MaxRating = train.Ratings.Max();
        _fallback = new Lazy<RatingBiases>(() => RatingBiases.Fit(train));
    }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>The train, validation and test ratings.</summary>
    public RatingsSplit Parts { get; }

    /// <summary>The training ratings.</summary>
    public RatingsDataset Train => Parts.Train;

    /// <summary>The validation ratings (the search scores on these).</summary>
    public RatingsDataset Validation => Parts.Validation;

    /// <summary>The test ratings (touched once, by the final model).</summary>
    public RatingsDataset Test => Parts.Test;

    /// <summary>The test ranking queries: one held-out item and sampled unrated items per test user.</summary>
    public IReadOnlyList<RankingQuery> TestQueries { get; }

    /// <summary>The rows of the user embedding table.</summary>
    public int UserCount => Train.UserCount;

    /// <summary>The rows of the item embedding table.</summary>
    public int ItemCount => Train.ItemCount;

    /// <summary>The smallest training rating (predictions may be clipped to [<see cref="MinRating"/>, <see cref="MaxRating"/>]).</summary>
    public float MinRating { get; }

    /// <summary>The largest training rating.</summary>
    public float MaxRating { get; }

    /// <summary>The bias baseline fitted on the training part (default regularisation): the prediction for unknown ids.</summary>
    public RatingBiases Fallback => _fallback.Value;

    /// <summary>RMSE is minimised.</summary>
    public static StudyDirection Direction => StudyDirection.Minimize;

    /// <summary>"rmse".</summary>
    public static string MetricName => "rmse";
}
