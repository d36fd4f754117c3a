using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Biased matrix factorisation (Koren, Bell and Volinsky 2009): <c>r̂ = μ + b_u + b_i + ⟨p_u, q_i⟩</c>, with
/// <c>p</c> = <c>users</c> [users, k] and <c>q</c> = <c>items</c> [items, k].
/// </summary>
public sealed class MatrixFactorization : RecommenderNetwork
{
    /// <summary>Creates the model.</summary>
    /// <param name="users">Rows of the user tables.</param>
    /// <param name="items">Rows of the item tables.</param>
    /// <param name="factors">k (≥ 1).</param>
    /// <param name="globalMean">μ.</param>
    /// <param name="rng">Initialisation randomness.</param>
    public MatrixFactorization(int users, int items, int factors, float globalMean, Rng rng)
        : base(users, items, globalMean, rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factors);
        UserFactors = FactorTable(users, factors, "users", rng);
        ItemFactors = FactorTable(items, factors, "items", rng);
    }

    /// <summary>p, [users, k].</summary>
    public Embedding UserFactors { get; }

    /// <summary>q, [items, k].</summary>
    public Embedding ItemFactors { get; }

    /// <inheritdoc />
    protected override (Tensor Interaction, IReadOnlyList<Tensor> Factors) Interact(int[] users, int[] items)
    {
        var p = UserFactors.Forward(users, [users.Length]);
        var q = ItemFactors.Forward(items, [items.Length]);
        return (Functional.Sum(Functional.Mul(p, q), 1, keepDim: true), [p, q]);
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Module Module)> Parts() => [("users", UserFactors), ("items", ItemFactors)];
}
