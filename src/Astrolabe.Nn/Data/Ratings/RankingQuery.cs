namespace Astrolabe.Nn.Data.Ratings;

/// <summary>
/// One sampled-ranking query of implicit feedback: a user's held-out <see cref="Positive"/> item is ranked among
/// <see cref="Negatives"/>, items the user never rated (NCF's protocol: 1 positive and 99 negatives).
/// </summary>
/// <param name="User">The user.</param>
/// <param name="Positive">The held-out item the user rated.</param>
/// <param name="Negatives">Items the user rated nowhere (distinct).</param>
public sealed record RankingQuery(int User, int Positive, int[] Negatives)
{
    /// <summary>The items to score: the positive first, then the negatives.</summary>
    /// <returns>A new array of 1 + <c>Negatives.Length</c> items.</returns>
    public int[] Candidates() => [Positive, .. Negatives];
}
