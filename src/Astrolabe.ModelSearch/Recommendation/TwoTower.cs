using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A two-tower model: a user tower (table <c>users</c> [users, k], then layers <c>user_tower</c>) and an item tower
/// (<c>items</c> [items, k], <c>item_tower</c>), each Linear → ReLU → Dropout per hidden width with the last layer
/// linear; the interaction is the dot product of the two towers' outputs, added to <c>μ + b_u + b_i</c>. Unlike
/// NeuMF, a user's and an item's vectors are computed apart, so item vectors can be indexed for retrieval.
/// </summary>
public sealed class TwoTower : RecommenderNetwork
{
    private readonly Embedding _users, _items;
    private readonly Sequential _userTower, _itemTower;

    /// <summary>Creates the model.</summary>
    /// <param name="users">Rows of the user tables.</param>
    /// <param name="items">Rows of the item tables.</param>
    /// <param name="factors">k, the towers' input width (≥ 1).</param>
    /// <param name="hidden">Each tower's widths (at least one; the last is the width of the dot product).</param>
    /// <param name="dropout">Dropout after each hidden layer but the last, in [0, 1).</param>
    /// <param name="globalMean">μ.</param>
    /// <param name="rng">Initialisation and dropout randomness.</param>
    public TwoTower(int users, int items, int factors, IReadOnlyList<int> hidden, float dropout, float globalMean, Rng rng)
        : base(users, items, globalMean, rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factors);
        ArgumentNullException.ThrowIfNull(hidden);
        _users = FactorTable(users, factors, "users", rng);
        _items = FactorTable(items, factors, "items", rng);
        _userTower = Mlp(factors, hidden, dropout, lastActivated: false, rng);
        _itemTower = Mlp(factors, hidden, dropout, lastActivated: false, rng);
    }

    /// <inheritdoc />
    protected override (Tensor Interaction, IReadOnlyList<Tensor> Factors) Interact(int[] users, int[] items)
    {
        var eu = _users.Forward(users, [users.Length]);
        var ei = _items.Forward(items, [items.Length]);
        var u = _userTower.Forward(eu);
        var i = _itemTower.Forward(ei);
        return (Functional.Sum(Functional.Mul(u, i), 1, keepDim: true), [eu, ei]);
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Module Module)> Parts() =>
        [("users", _users), ("items", _items), ("user_tower", _userTower), ("item_tower", _itemTower)];
}
