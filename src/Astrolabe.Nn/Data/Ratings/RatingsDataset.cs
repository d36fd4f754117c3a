namespace Astrolabe.Nn.Data.Ratings;

/// <summary>
/// Explicit ratings: one (user, item, rating) triple per sample, users in [0, <see cref="UserCount"/>) and items in
/// [0, <see cref="ItemCount"/>) (the rows of the user and item embedding tables). All parts of one task share the
/// counts. Immutable by convention.
/// </summary>
public sealed class RatingsDataset
{
    /// <summary>Creates a dataset (the arrays are kept, not copied).</summary>
    /// <param name="users">User ids.</param>
    /// <param name="items">Item ids.</param>
    /// <param name="ratings">Ratings (finite).</param>
    /// <param name="userCount">The number of user ids.</param>
    /// <param name="itemCount">The number of item ids.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, an id is out of range, or a rating is not finite.</exception>
    public RatingsDataset(int[] users, int[] items, float[] ratings, int userCount, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(userCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemCount);
        if (users.Length != items.Length || users.Length != ratings.Length)
        {
            throw new ArgumentException($"RatingsDataset: {users.Length} users, {items.Length} items and {ratings.Length} ratings; they must be as many.");
        }

        for (int i = 0; i < users.Length; i++)
        {
            if ((uint)users[i] >= (uint)userCount)
            {
                throw new ArgumentException($"RatingsDataset: sample {i} has user {users[i]}, outside [0, {userCount}).", nameof(users));
            }

            if ((uint)items[i] >= (uint)itemCount)
            {
                throw new ArgumentException($"RatingsDataset: sample {i} has item {items[i]}, outside [0, {itemCount}).", nameof(items));
            }

            if (!float.IsFinite(ratings[i]))
            {
                throw new ArgumentException($"RatingsDataset: sample {i} has rating {ratings[i]}.", nameof(ratings));
            }
        }

        Users = users;
        Items = items;
        Ratings = ratings;
        UserCount = userCount;
        ItemCount = itemCount;
    }

    /// <summary>User ids, one per sample.</summary>
    public int[] Users { get; }

    /// <summary>Item ids, one per sample.</summary>
    public int[] Items { get; }

    /// <summary>Ratings, one per sample.</summary>
    public float[] Ratings { get; }

    /// <summary>The number of user ids.</summary>
    public int UserCount { get; }

    /// <summary>The number of item ids.</summary>
    public int ItemCount { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Users.Length;

    /// <summary>The mean rating (0 when empty).</summary>
    public double Mean => Count == 0 ? 0 : Ratings.Average(r => (double)r);

    /// <summary>Mini-batches; the last one may be smaller.</summary>
    /// <param name="batchSize">Samples per batch (positive).</param>
    /// <param name="shuffle">Whether to visit the samples in a random order (a seeded <paramref name="rng"/> is then required).</param>
    /// <param name="rng">The random source when shuffling.</param>
    /// <returns>The batches, copied.</returns>
    public IEnumerable<RatingsBatch> Batches(int batchSize, bool shuffle = false, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (shuffle && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "Shuffling needs a seeded Rng.");
        }

        var order = Enumerable.Range(0, Count).ToArray();
        if (shuffle)
        {
            rng!.Shuffle<int>(order);
        }

        return Iterate(order, batchSize);
    }

    private IEnumerable<RatingsBatch> Iterate(int[] order, int batchSize)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var rows = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            yield return new RatingsBatch(
                Array.ConvertAll(rows, r => Users[r]),
                Array.ConvertAll(rows, r => Items[r]),
                new Tensor(Array.ConvertAll(rows, r => Ratings[r]), [rows.Length, 1]),
                rows);
        }
    }
}

/// <summary>A mini-batch of ratings: the model's two inputs and its target.</summary>
/// <param name="Users">User ids [B].</param>
/// <param name="Items">Item ids [B].</param>
/// <param name="Ratings">Ratings [B, 1].</param>
/// <param name="Rows">The dataset index of each sample.</param>
public sealed record RatingsBatch(int[] Users, int[] Items, Tensor Ratings, int[] Rows)
{
    /// <summary>The number of samples.</summary>
    public int Size => Users.Length;
}
