using System.Globalization;
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
    /// <summary>
    /// The family: <see cref="ModelFamilies.Mlp"/> (the default; dense layers), <see cref="ModelFamilies.Cnn"/> (3×3
    /// convolution blocks with max-pooling, then a dense head) or a registered one; stored by its name.
    /// </summary>
    public IModelFamily Family { get; init; } = ModelFamilies.Mlp;

    /// <summary>Hidden dense widths: every hidden layer of an MLP, the dense head of a CNN (may be empty).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [];

    /// <summary>Output channels of each convolution block (CNN only).</summary>
    public IReadOnlyList<int> Channels { get; init; } = [];

    /// <summary>The activation after each hidden layer (default relu).</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Dropout after each hidden dense layer, in [0, 1).</summary>
    public double Dropout { get; init; }

    /// <summary>Normalisation after each hidden layer (default none).</summary>
    public NormalizationKind Normalization { get; init; } = NormalizationKind.None;

    /// <summary>The optimizer (default adam); sgd uses <see cref="Momentum"/>, Nesterov when positive.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD's momentum (ignored by the other optimizers).</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// The complexity penalty (default none): weight_decay (the optimizer's own; decoupled for AdamW), l1 or l2 (a
    /// penalty <c>P(w)</c> added to the objective), with strength <see cref="Regularization"/>.
    /// </summary>
    public PenaltyKind Penalty { get; init; } = PenaltyKind.None;

    /// <summary>The penalty's strength λ (0 when <see cref="Penalty"/> is none).</summary>
    public double Regularization { get; init; }

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Clip the global gradient norm to this value (0: no clipping).</summary>
    public double ClipNorm { get; init; }

    /// <summary>The learning-rate schedule over the run's steps (default constant).</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// The precision the trained model is converted to (default fp32: none): int8 post-training quantisation
    /// calibrated on training rows, or 16-bit weight storage (<see cref="ModelTraining.Fit"/> converts; the
    /// validation score is the converted model's). Left out of the JSON when fp32, so older configurations read the same.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ModelPrecision Precision { get; init; }

    /// <summary>
    /// With <see cref="Precision"/> int8: the weight layers (Linear and Conv2d, counted from 0 in network order: the
    /// convolutions, the hidden dense layers, the output layer) that stay fp32 — a per-layer precision. Null (left out
    /// of the JSON) when every layer is int8.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? FloatLayers { get; init; }

    /// <summary>The number of weight layers (Linear and Conv2d) the configuration builds.</summary>
    [JsonIgnore]
    public int WeightLayers => Channels.Count + Hidden.Count + 1;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>The configuration as JSON (snake_case names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads what <see cref="ToJson"/> wrote; every name is checked here, numbers by <see cref="Validate"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">
    /// The text is not a model configuration; an unknown name is reported as e.g.
    /// <c>Unknown activation 'swish'; known: relu, leaky_relu, gelu, silu, elu, tanh.</c>
    /// </exception>
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
        string structure = Family.DescribeStructure(this);
        string norm = Normalization == NormalizationKind.None ? "" : $", {Spelling<NormalizationKind>.Of(Normalization)} norm";
        string drop = Dropout > 0 ? $", dropout {Dropout:0.##}" : "";
        string reg = Penalty == PenaltyKind.None ? "" : $", {Spelling<PenaltyKind>.Of(Penalty)} {Regularization:G2}";
        string clip = ClipNorm > 0 ? $", clip {ClipNorm:G3}" : "";
        string precision = Precision == ModelPrecision.Fp32 ? "" : $", {Spelling<ModelPrecision>.Of(Precision)}";
        if (FloatLayers is { Count: > 0 } kept)
        {
            precision += $" (fp32 layers {string.Join(", ", kept)})";
        }

        return FormattableString.Invariant(
            $"{structure} {Spelling<ActivationKind>.Of(Activation)}{norm}{drop}; {Spelling<OptimizerKind>.Of(Optimizer)} lr {LearningRate:G3}{reg}{clip}, batch {BatchSize}, {Spelling<ScheduleKind>.Of(Schedule)}, {Epochs} epochs{precision}");
    }

    /// <summary>
    /// Checks the numbers and the family's own requirements. <see cref="ModelBuilder.Build"/> calls it, so every
    /// configuration is checked once before anything is built from it; a <see cref="ModelSpace"/> draws only valid ones.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem found, in one sentence.</exception>
    public void Validate()
    {
        if (Family is null)
        {
            throw new ArgumentException($"The model configuration has no family; known: {string.Join(", ", ModelFamilies.All.Select(f => f.Name))}.");
        }

        Defined(Activation);
        Defined(Normalization);
        Defined(Optimizer);
        Defined(Penalty);
        Defined(Schedule);
        Defined(Precision);
        if (Hidden is null || Channels is null || Hidden.Any(w => w < 1) || Channels.Any(c => c < 1))
        {
            throw new ArgumentException("Layer widths and channel counts must be positive.");
        }

        // Written so that NaN fails every check.
        InRange("dropout", Dropout, Dropout is >= 0 and < 1, "[0, 1)");
        InRange("learning_rate", LearningRate, LearningRate is > 0 and < double.PositiveInfinity, "finite and > 0");
        InRange("momentum", Momentum, Momentum is >= 0 and < 1, "[0, 1)");
        InRange("regularization", Regularization, Regularization is >= 0 and < double.PositiveInfinity, "finite and >= 0");
        InRange("batch_size", BatchSize, BatchSize >= 1, ">= 1");
        InRange("clip_norm", ClipNorm, ClipNorm is >= 0 and < double.PositiveInfinity, "finite and >= 0 (0: no clipping)");
        InRange("epochs", Epochs, Epochs >= 1, ">= 1");
        if (FloatLayers is { Count: > 0 } kept && (Precision != ModelPrecision.QInt8 || kept.Any(i => i < 0 || i >= WeightLayers) || kept.Distinct().Count() != kept.Count))
        {
            throw new ArgumentException($"float_layers [{string.Join(", ", kept)}] needs precision int8 and distinct weight-layer indices in 0–{WeightLayers - 1}.");
        }

        Family.ValidateStructure(this);
    }

    private static void InRange(string name, double value, bool ok, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The model configuration's {name} {value} is out of range; allowed: {allowed}."));
        }
    }

    private static void Defined<T>(T value)
        where T : struct, Enum
    {
        if (!Spelling<T>.IsDefined(value))
        {
            throw new ArgumentException($"Unknown {Spelling<T>.What} {value}; known: {string.Join(", ", Spelling<T>.Names)}.");
        }
    }
}
