using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// One candidate of a text-classification search: the network's family and sizes and its training recipe, as plain
/// values. A <see cref="TextSpace"/> draws it from a trial; <see cref="TextTraining"/> builds and trains it; it is
/// stored with the trial (user attribute <c>model</c>) as JSON. Members a family does not use keep their defaults.
/// </summary>
public sealed record TextModelConfig
{
    /// <summary>The family (default bag).</summary>
    public TextFamilyKind Family { get; init; } = TextFamilyKind.Bag;

    /// <summary>The width of the token embeddings (the model width of a transformer).</summary>
    public int EmbeddingDim { get; init; } = 64;

    /// <summary>
    /// Bag only: the hash buckets of word bigrams (fastText's trick: each pair of neighbouring tokens adds the row
    /// <c>vocabulary + hash(a, b) mod buckets</c> to the bag); 0 for unigrams only.
    /// </summary>
    public int BigramBuckets { get; init; }

    /// <summary>
    /// Bag: the units of the hidden layer after the bag (0: none, the bag goes straight to the output layer);
    /// gru/lstm: the hidden units per direction; transformer: the feed-forward width. Unused by textcnn.
    /// </summary>
    public int Hidden { get; init; }

    /// <summary>Textcnn only: the filters of each kernel width.</summary>
    public int Channels { get; init; }

    /// <summary>Textcnn only: the kernel widths, one convolution each (zero-padded so every token is covered).</summary>
    public IReadOnlyList<int> KernelSizes { get; init; } = [];

    /// <summary>Gru/lstm: stacked recurrent layers; transformer: encoder layers. Default 1.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Transformer only: attention heads (must divide <see cref="EmbeddingDim"/>). Default 2.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Gru/lstm only: whether the layers also run backwards (outputs of both directions concatenated).</summary>
    public bool Bidirectional { get; init; }

    /// <summary>Gru/lstm only: pool the outputs by their mean over each text's tokens (true) or take the final states (false).</summary>
    public bool MeanPool { get; init; }

    /// <summary>Dropout before the output layer (and inside the recurrent or transformer layers), in [0, 1).</summary>
    public double Dropout { get; init; }

    /// <summary>The optimizer: adam (weight decay added to the gradient) or adamw (decoupled weight decay).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate (constant).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The optimizer's weight decay (≥ 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Texts per mini-batch (batches are bucketed by length).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 5;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>The configuration as JSON (snake_case names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads what <see cref="ToJson"/> wrote and checks it (<see cref="Validate"/>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid text-model configuration (the reason is in the message).</exception>
    public static TextModelConfig FromJson(string json)
    {
        try
        {
            var config = JsonSerializer.Deserialize<TextModelConfig>(json, s_json) ?? throw new InvalidDataException("The text-model configuration is empty.");
            config.Validate();
            return config;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Not a text-model configuration: {e.Message}", e);
        }
    }

    /// <summary>The structure in a few words, e.g. <c>bag 64 + bigrams 100000 → [128]</c> or <c>bi-lstm 64×1, mean</c>.</summary>
    /// <returns>The text.</returns>
    public string DescribeStructure()
    {
        var c = CultureInfo.InvariantCulture;
        return Family switch
        {
            TextFamilyKind.Bag => string.Create(c, $"bag {EmbeddingDim}{(BigramBuckets > 0 ? $" + bigrams {BigramBuckets}" : "")}{(Hidden > 0 ? $" → [{Hidden}]" : "")}"),
            TextFamilyKind.TextCnn => string.Create(c, $"textcnn {EmbeddingDim}, {Channels}×[{string.Join(", ", KernelSizes)}]"),
            TextFamilyKind.Transformer => string.Create(c, $"transformer {EmbeddingDim}×{Layers}, {Heads} heads, ff {Hidden}"),
            _ => string.Create(c, $"{(Bidirectional ? "bi-" : "")}{Spelling<TextFamilyKind>.Of(Family)} {EmbeddingDim}→{Hidden}×{Layers}, {(MeanPool ? "mean" : "last")}"),
        };
    }

    /// <summary>A one-line summary: the structure, dropout and the recipe.</summary>
    /// <returns>The summary.</returns>
    public string Describe() => FormattableString.Invariant(
        $"{DescribeStructure()}; dropout {Dropout:0.##}; {Spelling<OptimizerKind>.Of(Optimizer)} lr {LearningRate:G3}, wd {WeightDecay:G2}, batch {BatchSize}, {Epochs} epochs");

    /// <summary>
    /// Checks the numbers and what the family needs. <see cref="TextTraining"/> calls it before building anything;
    /// a <see cref="TextSpace"/> draws only valid configurations.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem found, in one sentence.</exception>
    public void Validate()
    {
        if (!Spelling<TextFamilyKind>.IsDefined(Family))
        {
            throw new ArgumentException($"Unknown text family {Family}; known: {string.Join(", ", Spelling<TextFamilyKind>.Names)}.");
        }

        if (Optimizer is not (OptimizerKind.Adam or OptimizerKind.AdamW))
        {
            throw new ArgumentException($"A text model trains with adam or adamw; got {(Spelling<OptimizerKind>.IsDefined(Optimizer) ? Spelling<OptimizerKind>.Of(Optimizer) : Optimizer.ToString())}.");
        }

        // Written so that NaN fails every check.
        InRange("embedding_dim", EmbeddingDim, EmbeddingDim >= 1, ">= 1");
        InRange("dropout", Dropout, Dropout is >= 0 and < 1, "[0, 1)");
        InRange("learning_rate", LearningRate, LearningRate is > 0 and < double.PositiveInfinity, "finite and > 0");
        InRange("weight_decay", WeightDecay, WeightDecay is >= 0 and < double.PositiveInfinity, "finite and >= 0");
        InRange("batch_size", BatchSize, BatchSize >= 1, ">= 1");
        InRange("epochs", Epochs, Epochs >= 1, ">= 1");
        string family = Spelling<TextFamilyKind>.Of(Family);
        switch (Family)
        {
            case TextFamilyKind.Bag:
                InRange("bigram_buckets", BigramBuckets, BigramBuckets >= 0, ">= 0 (0: unigrams only)");
                InRange("hidden", Hidden, Hidden >= 0, ">= 0 for bag (0: no hidden layer)");
                break;
            case TextFamilyKind.TextCnn:
                InRange("channels", Channels, Channels >= 1, ">= 1 for textcnn");
                if (KernelSizes is null || KernelSizes.Count == 0 || KernelSizes.Any(k => k < 1))
                {
                    throw new ArgumentException($"A textcnn needs at least one kernel width, each >= 1; got [{string.Join(", ", KernelSizes ?? [])}].");
                }

                break;
            default:
                InRange("hidden", Hidden, Hidden >= 1, $">= 1 for {family}");
                InRange("layers", Layers, Layers >= 1, $">= 1 for {family}");
                if (Family == TextFamilyKind.Transformer && (Heads < 1 || EmbeddingDim % Heads != 0))
                {
                    throw new ArgumentException($"A transformer's heads ({Heads}) must be >= 1 and divide its embedding_dim ({EmbeddingDim}).");
                }

                break;
        }
    }

    private static void InRange(string name, double value, bool ok, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The text-model configuration's {name} {value} is out of range; allowed: {allowed}."));
        }
    }
}
