using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// One candidate of a recommendation search: the family, its structure and the training recipe, as plain values. A
/// <see cref="RecommenderSpace"/> draws it from a trial, <see cref="IRecommenderFamily.Build"/> turns it into a
/// <see cref="RecommenderNetwork"/>, <see cref="RecommenderTraining"/> trains it; it is stored with the trial (user
/// attribute <c>model</c>) as JSON.
/// </summary>
public sealed record RecommenderConfig
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The family's name: <c>mf</c>, <c>neumf</c> or <c>twotower</c> (see <see cref="RecommenderFamilies"/>).</summary>
    public string Family { get; init; } = RecommenderFamilies.Mf.Name;

    /// <summary>The embedding width of users and items (the MF rank; each NeuMF branch; a tower's input).</summary>
    public int Factors { get; init; } = 8;

    /// <summary>Hidden widths of the MLP (NeuMF's MLP branch, each tower); empty for <c>mf</c>.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [];

    /// <summary>Dropout after each hidden layer, in [0, 1) (ignored by <c>mf</c>).</summary>
    public double Dropout { get; init; }

    /// <summary>Adam's learning rate (SparseAdam for the embedding tables).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// λ of the L2 penalty on the embeddings a mini-batch looks up: <c>λ · mean_batch(‖p_u‖² + ‖q_i‖²)</c> added to the
    /// loss (Funk's per-rating regularisation, so rare users and items are pulled harder towards 0).
    /// </summary>
    public double EmbeddingL2 { get; init; } = 0.05;

    /// <summary>λ of the same penalty on the looked-up user and item biases: <c>λ · mean_batch(b_u² + b_i²)</c>.</summary>
    public double BiasL2 { get; init; } = 0.05;

    /// <summary>Decoupled weight decay (AdamW) of the dense layers (ignored by <c>mf</c>).</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Whether the biases start from the bias baseline fitted on the training ratings (<see cref="Nn.Data.Ratings.RatingBiases"/>,
    /// alternating least squares) instead of 0; the model then learns what the interaction adds to it.
    /// </summary>
    public bool FittedBiases { get; init; } = true;

    /// <summary>Ratings per mini-batch.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Passes over the training ratings.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">An unknown family or a value out of range, named in the message.</exception>
    public void Validate()
    {
        _ = RecommenderFamilies.Get(Family);
        Check(Factors >= 1, $"Factors must be ≥ 1; got {Factors}.");
        Check(Hidden is not null && Hidden.All(h => h >= 1), $"Hidden widths must be ≥ 1; got [{string.Join(", ", Hidden ?? [])}].");
        Check(Dropout is >= 0 and < 1, $"Dropout must be in [0, 1); got {Dropout}.");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"LearningRate must be positive; got {LearningRate}.");
        Check(EmbeddingL2 >= 0 && double.IsFinite(EmbeddingL2), $"EmbeddingL2 must be ≥ 0; got {EmbeddingL2}.");
        Check(BiasL2 >= 0 && double.IsFinite(BiasL2), $"BiasL2 must be ≥ 0; got {BiasL2}.");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), $"WeightDecay must be ≥ 0; got {WeightDecay}.");
        Check(BatchSize >= 1, $"BatchSize must be ≥ 1; got {BatchSize}.");
        Check(Epochs >= 1, $"Epochs must be ≥ 1; got {Epochs}.");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"RecommenderConfig: {message}");
        }
    }

    /// <summary>The configuration as JSON (snake_case names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads and validates what <see cref="ToJson"/> wrote.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">Not a recommender configuration, or an invalid one.</exception>
    public static RecommenderConfig FromJson(string json)
    {
        try
        {
            var config = JsonSerializer.Deserialize<RecommenderConfig>(json, s_json) ?? throw new InvalidDataException("The recommender configuration is empty.");
            config.Validate();
            return config;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Not a valid recommender configuration: {e.Message}", e);
        }
    }

    /// <summary>One line: the family's structure, then the recipe, e.g. <c>mf 8 factors; lr 0.003, L2 0.05/0.05, batch 256, 4 epochs</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        string drop = Dropout > 0 ? $", dropout {Dropout:0.##}" : "";
        string wd = WeightDecay > 0 ? $", wd {WeightDecay:G2}" : "";
        string biases = FittedBiases ? ", fitted biases" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{RecommenderFamilies.Get(Family).DescribeStructure(this)}; lr {LearningRate:G2}, L2 {EmbeddingL2:G2}/{BiasL2:G2}{wd}{drop}{biases}, batch {BatchSize}, {Epochs} epochs");
    }
}
