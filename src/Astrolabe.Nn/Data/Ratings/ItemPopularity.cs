namespace Astrolabe.Nn.Data.Ratings;

/// <summary>
/// The popularity ranker, the baseline of implicit-feedback ranking: an item's score is its number of training
/// ratings (for every user alike); an item with none, or an id outside the training counts, scores 0.
/// </summary>
public sealed class ItemPopularity
{
    private readonly int[] _counts;

    private ItemPopularity(int[] counts) => _counts = counts;

    /// <summary>Counts the training ratings of each item.</summary>
    /// <param name="train">The training ratings.</param>
    /// <returns>The ranker.</returns>
    public static ItemPopularity Fit(RatingsDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var counts = new int[train.ItemCount];
        foreach (int item in train.Items)
        {
            counts[item]++;
        }

        return new ItemPopularity(counts);
    }

    /// <summary>The item's score: its number of training ratings.</summary>
    /// <param name="item">An item id (any value).</param>
    /// <returns>The score.</returns>
    public float Score(int item) => (uint)item < (uint)_counts.Length ? _counts[item] : 0;

    /// <summary>Scores <paramref name="items"/> (the same for every user).</summary>
    /// <param name="items">Candidate items.</param>
    /// <returns>One score per item.</returns>
    public float[] Score(ReadOnlySpan<int> items)
    {
        var s = new float[items.Length];
        for (int k = 0; k < s.Length; k++)
        {
            s[k] = Score(items[k]);
        }

        return s;
    }
}
