using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A rating model <c>r̂(u, i) = μ + b_u + b_i + f(u, i)</c>: a constant global mean μ, user and item bias tables
/// (<c>user_bias</c> [users, 1], <c>item_bias</c> [items, 1], zero at first) and the family's interaction f. Every
/// embedding table, biases included, has row-sparse gradients (<see cref="Embedding.Sparse"/>), so an optimizer
/// that understands rows updates only those a batch looked up. Ids must lie in [0, users) and [0, items): the
/// network knows no other; <see cref="TrainedRecommender"/> predicts unknown ids by its fallback.
/// </summary>
public abstract class RecommenderNetwork : Module
{
    /// <summary>Standard deviation of the normal initialisation of the factor tables (as NCF's 0.01).</summary>
    protected const double FactorInitStd = 0.01;

    /// <summary>Creates the bias tables.</summary>
    /// <param name="users">Rows of the user tables (≥ 1).</param>
    /// <param name="items">Rows of the item tables (≥ 1).</param>
    /// <param name="globalMean">μ.</param>
    /// <param name="rng">Initialisation randomness.</param>
    protected RecommenderNetwork(int users, int items, float globalMean, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        ArgumentNullException.ThrowIfNull(rng);
        UserCount = users;
        ItemCount = items;
        GlobalMean = globalMean;
        UserBias = new Embedding(users, 1, rng) { Sparse = true, Name = "user_bias" };
        ItemBias = new Embedding(items, 1, rng) { Sparse = true, Name = "item_bias" };
        Array.Clear(UserBias.Weight.Data);
        Array.Clear(ItemBias.Weight.Data);
    }

    /// <summary>Rows of the user tables.</summary>
    public int UserCount { get; }

    /// <summary>Rows of the item tables.</summary>
    public int ItemCount { get; }

    /// <summary>The constant μ added to every prediction.</summary>
    public float GlobalMean { get; }

    /// <summary>b_u, [users, 1].</summary>
    public Embedding UserBias { get; }

    /// <summary>b_i, [items, 1].</summary>
    public Embedding ItemBias { get; }

    /// <summary>Predicts a batch of (user, item) pairs, recording the graph when gradients are enabled.</summary>
    /// <param name="users">User ids [B], each in [0, <see cref="UserCount"/>).</param>
    /// <param name="items">Item ids [B], each in [0, <see cref="ItemCount"/>).</param>
    /// <returns>The unclipped predictions [B, 1], the biases [B, 1] each and the looked-up factor rows to regularise.</returns>
    /// <exception cref="ArgumentException">The arrays differ in length, are empty, or an id is out of range.</exception>
    public RecommenderOutput Predict(int[] users, int[] items)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        if (users.Length != items.Length || users.Length == 0)
        {
            throw new ArgumentException($"{Name}: {users.Length} users and {items.Length} items; give as many of each, at least one.");
        }

        int[] shape = [users.Length];
        var bu = UserBias.Forward(users, shape);
        var bi = ItemBias.Forward(items, shape);
        var (interaction, factors) = Interact(users, items);
        var prediction = Functional.Add(Functional.Add(Functional.Add(interaction, bu), bi), GlobalMean);
        return new RecommenderOutput(prediction, bu, bi, factors);
    }

    /// <summary>Predicts pairs given as a float tensor [B, 2] of whole-number ids (user, item).</summary>
    /// <param name="x">The pairs.</param>
    /// <returns>The predictions [B, 1].</returns>
    /// <exception cref="ArgumentException">Not [B, 2], or an id that is not a whole number in range.</exception>
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Dim(1) != 2)
        {
            throw new ArgumentException($"{Name}: expects [batch, 2] (user, item) ids; got [{string.Join(", ", x.Shape)}].", nameof(x));
        }

        var users = new int[x.Dim(0)];
        var items = new int[x.Dim(0)];
        for (int b = 0; b < users.Length; b++)
        {
            users[b] = WholeNumber(x.Data[2 * b]);
            items[b] = WholeNumber(x.Data[(2 * b) + 1]);
        }

        return Predict(users, items).Prediction;
    }

    private int WholeNumber(float v) =>
        v == MathF.Floor(v) && float.IsFinite(v) ? (int)v : throw new ArgumentException($"{Name}: id {v} is not a whole number.");

    /// <summary>The interaction f(u, i) [B, 1] and the factor rows it looked up (for the L2 penalty; each [B, k]).</summary>
    /// <param name="users">User ids [B].</param>
    /// <param name="items">Item ids [B].</param>
    /// <returns>The interaction and the looked-up rows.</returns>
    protected abstract (Tensor Interaction, IReadOnlyList<Tensor> Factors) Interact(int[] users, int[] items);

    /// <summary>The family's own sub-modules (tables and layers), after the two bias tables.</summary>
    /// <returns>The named sub-modules.</returns>
    protected abstract IEnumerable<(string Name, Module Module)> Parts();

    /// <inheritdoc />
    public sealed override IEnumerable<(string Name, Module Module)> Children() =>
        [("user_bias", UserBias), ("item_bias", ItemBias), .. Parts()];

    /// <summary>A factor table [rows, k] with sparse gradients, initialised N(0, 0.01²).</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="factors">k.</param>
    /// <param name="name">The table's name in errors.</param>
    /// <param name="rng">Initialisation randomness.</param>
    /// <returns>The table.</returns>
    protected static Embedding FactorTable(int rows, int factors, string name, Rng rng)
    {
        var table = new Embedding(rows, factors, rng) { Sparse = true, Name = name };
        Init.Normal(table.Weight, rng, FactorInitStd);
        return table;
    }

    /// <summary>An MLP: Linear → ReLU → Dropout for each width, the last layer linear when <paramref name="lastActivated"/> is false.</summary>
    /// <param name="input">Input width.</param>
    /// <param name="widths">Layer widths (at least one).</param>
    /// <param name="dropout">Dropout probability after each activated layer.</param>
    /// <param name="lastActivated">Whether the last layer is followed by ReLU and dropout too.</param>
    /// <param name="rng">Initialisation and dropout randomness.</param>
    /// <returns>The chain.</returns>
    protected static Sequential Mlp(int input, IReadOnlyList<int> widths, float dropout, bool lastActivated, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count == 0)
        {
            throw new ArgumentException("An MLP needs at least one layer width.", nameof(widths));
        }

        var layers = new List<Module>();
        for (int l = 0; l < widths.Count; l++)
        {
            layers.Add(new Linear(l == 0 ? input : widths[l - 1], widths[l], rng: rng));
            if (l < widths.Count - 1 || lastActivated)
            {
                layers.Add(new ReLU());
                if (dropout > 0)
                {
                    layers.Add(new Dropout(dropout, rng));
                }
            }
        }

        return new Sequential([.. layers]);
    }
}

/// <summary>What <see cref="RecommenderNetwork.Predict"/> computed.</summary>
/// <param name="Prediction">The unclipped ratings [B, 1].</param>
/// <param name="UserBias">b_u [B, 1].</param>
/// <param name="ItemBias">b_i [B, 1].</param>
/// <param name="Factors">The looked-up factor rows (each [B, k]) the L2 penalty applies to.</param>
public sealed record RecommenderOutput(Tensor Prediction, Tensor UserBias, Tensor ItemBias, IReadOnlyList<Tensor> Factors);
