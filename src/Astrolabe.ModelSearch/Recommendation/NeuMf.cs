using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// NeuMF (He et al. 2017, "Neural Collaborative Filtering") for explicit ratings: a GMF branch <c>p_u ⊙ q_i</c>
/// (tables <c>gmf_users</c>, <c>gmf_items</c> [·, k]) and an MLP branch over <c>[p'_u; q'_i]</c> (tables
/// <c>mlp_users</c>, <c>mlp_items</c> [·, k]; layers <c>mlp</c>: Linear → ReLU → Dropout per hidden width),
/// concatenated and mapped by one linear layer (<c>output</c>) to the interaction, added to <c>μ + b_u + b_i</c>.
/// </summary>
public sealed class NeuMf : RecommenderNetwork
{
    private readonly Embedding _gmfUsers, _gmfItems, _mlpUsers, _mlpItems;
    private readonly Sequential _mlp;
    private readonly Linear _output;

    /// <summary>Creates the model.</summary>
    /// <param name="users">Rows of the user tables.</param>
    /// <param name="items">Rows of the item tables.</param>
    /// <param name="factors">k of each branch (≥ 1).</param>
    /// <param name="hidden">The MLP branch's widths (at least one).</param>
    /// <param name="dropout">Dropout after each MLP layer, in [0, 1).</param>
    /// <param name="globalMean">μ.</param>
    /// <param name="rng">Initialisation and dropout randomness.</param>
    public NeuMf(int users, int items, int factors, IReadOnlyList<int> hidden, float dropout, float globalMean, Rng rng)
        : base(users, items, globalMean, rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factors);
        ArgumentNullException.ThrowIfNull(hidden);
        _gmfUsers = FactorTable(users, factors, "gmf_users", rng);
        _gmfItems = FactorTable(items, factors, "gmf_items", rng);
        _mlpUsers = FactorTable(users, factors, "mlp_users", rng);
        _mlpItems = FactorTable(items, factors, "mlp_items", rng);
        _mlp = Mlp(2 * factors, hidden, dropout, lastActivated: true, rng);
        _output = new Linear(factors + hidden[^1], 1, rng: rng) { Name = "output" };
    }

    /// <inheritdoc />
    protected override (Tensor Interaction, IReadOnlyList<Tensor> Factors) Interact(int[] users, int[] items)
    {
        int[] shape = [users.Length];
        var gu = _gmfUsers.Forward(users, shape);
        var gi = _gmfItems.Forward(items, shape);
        var mu = _mlpUsers.Forward(users, shape);
        var mi = _mlpItems.Forward(items, shape);
        var mlp = _mlp.Forward(Functional.Concat([mu, mi], 1));
        return (_output.Forward(Functional.Concat([Functional.Mul(gu, gi), mlp], 1)), [gu, gi, mu, mi]);
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Module Module)> Parts() =>
        [("gmf_users", _gmfUsers), ("gmf_items", _gmfItems), ("mlp_users", _mlpUsers), ("mlp_items", _mlpItems), ("mlp", _mlp), ("output", _output)];
}
