namespace Astrolabe.Nn.Data.Ratings;

/// <summary>
/// The baseline predictor <c>μ + b_user + b_item</c>, fitted on training ratings by alternating regularised least
/// squares (as Surprise's <c>BaselineOnly</c> with <c>method="als"</c>): each sweep sets
/// <c>b_i = Σ(r − μ − b_u) / (reg_item + n_i)</c> over the item's ratings, then
/// <c>b_u = Σ(r − μ − b_i) / (reg_user + n_u)</c>. It is also the documented fallback for ids a model never saw:
/// a user or item with no training rating (or an id outside the training counts) has bias 0, so an unknown pair is
/// predicted as the global mean plus whichever bias is known.
/// </summary>
public sealed class RatingBiases
{
    private readonly double[] _user;
    private readonly double[] _item;
    private readonly bool[] _userSeen;
    private readonly bool[] _itemSeen;

    private RatingBiases(double mean, double[] user, double[] item, bool[] userSeen, bool[] itemSeen)
    {
        Mean = mean;
        _user = user;
        _item = item;
        _userSeen = userSeen;
        _itemSeen = itemSeen;
    }

    /// <summary>The global mean rating μ of the training data.</summary>
    public double Mean { get; }

    /// <summary>Fits the biases.</summary>
    /// <param name="train">The training ratings (at least one).</param>
    /// <param name="regUser">The users' regularisation (≥ 0).</param>
    /// <param name="regItem">The items' regularisation (≥ 0).</param>
    /// <param name="sweeps">Alternating sweeps (≥ 1).</param>
    /// <returns>The fitted baseline.</returns>
    /// <exception cref="ArgumentException">No ratings.</exception>
    public static RatingBiases Fit(RatingsDataset train, double regUser = 15, double regItem = 10, int sweeps = 10)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegative(regUser);
        ArgumentOutOfRangeException.ThrowIfNegative(regItem);
        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        if (train.Count == 0)
        {
            throw new ArgumentException("RatingBiases: no training ratings.", nameof(train));
        }

        double mu = train.Mean;
        var bu = new double[train.UserCount];
        var bi = new double[train.ItemCount];
        var nu = new int[train.UserCount];
        var ni = new int[train.ItemCount];
        for (int s = 0; s < train.Count; s++)
        {
            nu[train.Users[s]]++;
            ni[train.Items[s]]++;
        }

        var sumU = new double[bu.Length];
        var sumI = new double[bi.Length];
        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            Array.Clear(sumI);
            for (int s = 0; s < train.Count; s++)
            {
                sumI[train.Items[s]] += train.Ratings[s] - mu - bu[train.Users[s]];
            }

            for (int i = 0; i < bi.Length; i++)
            {
                bi[i] = ni[i] == 0 ? 0 : sumI[i] / (regItem + ni[i]);
            }

            Array.Clear(sumU);
            for (int s = 0; s < train.Count; s++)
            {
                sumU[train.Users[s]] += train.Ratings[s] - mu - bi[train.Items[s]];
            }

            for (int u = 0; u < bu.Length; u++)
            {
                bu[u] = nu[u] == 0 ? 0 : sumU[u] / (regUser + nu[u]);
            }
        }

        return new RatingBiases(mu, bu, bi, Array.ConvertAll(nu, n => n > 0), Array.ConvertAll(ni, n => n > 0));
    }

    /// <summary>Whether <paramref name="user"/> had training ratings.</summary>
    /// <param name="user">A user id (any value).</param>
    /// <returns>True for a known user.</returns>
    public bool IsKnownUser(int user) => (uint)user < (uint)_userSeen.Length && _userSeen[user];

    /// <summary>Whether <paramref name="item"/> had training ratings.</summary>
    /// <param name="item">An item id (any value).</param>
    /// <returns>True for a known item.</returns>
    public bool IsKnownItem(int item) => (uint)item < (uint)_itemSeen.Length && _itemSeen[item];

    /// <summary>The user's bias, 0 for an unknown user.</summary>
    /// <param name="user">A user id (any value).</param>
    /// <returns>b_user.</returns>
    public double UserBias(int user) => IsKnownUser(user) ? _user[user] : 0;

    /// <summary>The item's bias, 0 for an unknown item.</summary>
    /// <param name="item">An item id (any value).</param>
    /// <returns>b_item.</returns>
    public double ItemBias(int item) => IsKnownItem(item) ? _item[item] : 0;

    /// <summary>μ + b_user + b_item, unknown ids contributing 0 (not clipped to the rating scale).</summary>
    /// <param name="user">A user id (any value).</param>
    /// <param name="item">An item id (any value).</param>
    /// <returns>The predicted rating.</returns>
    public double Predict(int user, int item) => Mean + UserBias(user) + ItemBias(item);

    /// <summary>Predicts every sample of <paramref name="data"/>.</summary>
    /// <param name="data">Ratings to predict (their ratings are ignored).</param>
    /// <returns>One prediction per sample.</returns>
    public double[] Predict(RatingsDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new double[data.Count];
        for (int s = 0; s < p.Length; s++)
        {
            p[s] = Predict(data.Users[s], data.Items[s]);
        }

        return p;
    }
}
