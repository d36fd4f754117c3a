using System.Text.Json;
using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// One candidate of a model search: the network's structure and its training recipe, as plain values. A
/// <see cref="ModelSpace"/> draws it from a trial; <see cref="ModelBuilder"/> turns it into a network, an optimizer
/// and a schedule; it is stored with the trial (user attribute <c>model</c>) and with a saved model as JSON.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>"mlp" (dense layers) or "cnn" (3×3 convolution blocks with max-pooling, then a dense head).</summary>
    public string Family { get; init; } = "mlp";

    /// <summary>Hidden dense widths: every hidden layer of an MLP, the dense head of a CNN (may be empty).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [];

    /// <summary>Output channels of each convolution block (CNN only).</summary>
    public IReadOnlyList<int> Channels { get; init; } = [];

    /// <summary>The activation after each hidden layer: relu, leaky_relu, gelu, silu, elu or tanh.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>Dropout after each hidden dense layer, in [0, 1).</summary>
    public double Dropout { get; init; }

    /// <summary>Normalisation after each hidden layer: none, batch or layer.</summary>
    public string Normalization { get; init; } = "none";

    /// <summary>The optimizer: adam, adamw, sgd (with <see cref="Momentum"/>, Nesterov when positive) or rmsprop.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>The peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD's momentum (ignored by the other optimizers).</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// The complexity penalty: none, weight_decay (the optimizer's own; decoupled for AdamW), l1 or l2 (a penalty
    /// <c>P(w)</c> added to the objective), with strength <see cref="Regularization"/>.
    /// </summary>
    public string Penalty { get; init; } = "none";

    /// <summary>The penalty's strength λ (0 when <see cref="Penalty"/> is none).</summary>
    public double Regularization { get; init; }

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Clip the global gradient norm to this value (0: no clipping).</summary>
    public double ClipNorm { get; init; }

    /// <summary>The learning-rate schedule over the run's steps: constant, cosine or warmup_cosine.</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 10;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>The configuration as JSON (snake_case names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">The text is not a model configuration.</exception>
    public static ModelConfig FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelConfig>(json, s_json) ?? throw new InvalidDataException("The model configuration is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a model configuration: {e.Message}", e);
        }
    }

    /// <summary>A one-line summary, e.g. <c>cnn [16, 32] → [64] relu, batch norm, adam lr 0.002, 8 epochs</c>.</summary>
    /// <returns>The summary.</returns>
    public string Describe()
    {
        string structure = Family == "cnn" ? $"cnn [{string.Join(", ", Channels)}] → [{string.Join(", ", Hidden)}]" : $"mlp [{string.Join(", ", Hidden)}]";
        string norm = Normalization == "none" ? "" : $", {Normalization} norm";
        string drop = Dropout > 0 ? $", dropout {Dropout:0.##}" : "";
        string reg = Penalty == "none" ? "" : $", {Penalty} {Regularization:G2}";
        string clip = ClipNorm > 0 ? $", clip {ClipNorm:G3}" : "";
        return FormattableString.Invariant($"{structure} {Activation}{norm}{drop}; {Optimizer} lr {LearningRate:G3}{reg}{clip}, batch {BatchSize}, {Schedule}, {Epochs} epochs");
    }
}
