namespace Astrolabe.ModelSearch;

/// <summary>
/// The ranges a <see cref="TextSpace"/> draws from. A list with one entry, or a range whose bounds are equal, is a
/// constant (used without being suggested). Sizes are drawn on a log scale. The defaults suit the shipped
/// <c>austen</c> task on two cores.
/// </summary>
public sealed record TextSpaceOptions
{
    /// <summary>The families to choose from (default: all five).</summary>
    public IReadOnlyList<TextFamilyKind> Families { get; init; } = [TextFamilyKind.Bag, TextFamilyKind.TextCnn, TextFamilyKind.Gru, TextFamilyKind.Lstm, TextFamilyKind.Transformer];

    /// <summary>The embedding width: at least.</summary>
    public int MinEmbeddingDim { get; init; } = 16;

    /// <summary>The embedding width: at most.</summary>
    public int MaxEmbeddingDim { get; init; } = 64;

    /// <summary>Bag: the bigram bucket counts to choose from (0: unigrams only).</summary>
    public IReadOnlyList<int> BigramBuckets { get; init; } = [200_000, 500_000];

    /// <summary>
    /// Bag: the hidden-layer widths to choose from (0: none; the default, as fastText: on austen a hidden layer of 64
    /// lowered validation accuracy by 2–3 points in every trial that drew it).
    /// </summary>
    public IReadOnlyList<int> BagHidden { get; init; } = [0];

    /// <summary>Gru/lstm hidden units per direction and the transformer's feed-forward width: at least.</summary>
    public int MinUnits { get; init; } = 32;

    /// <summary>Gru/lstm hidden units per direction and the transformer's feed-forward width: at most.</summary>
    public int MaxUnits { get; init; } = 128;

    /// <summary>Textcnn filters per kernel width: at least.</summary>
    public int MinChannels { get; init; } = 32;

    /// <summary>Textcnn filters per kernel width: at most.</summary>
    public int MaxChannels { get; init; } = 128;

    /// <summary>Textcnn: the sets of kernel widths to choose from.</summary>
    public IReadOnlyList<IReadOnlyList<int>> KernelSizes { get; init; } = [[3], [2, 3, 4], [3, 4, 5]];

    /// <summary>Gru/lstm and transformer layers: at most (at least 1).</summary>
    public int MaxLayers { get; init; } = 2;

    /// <summary>Transformer attention heads to choose from (the embedding width is rounded to a multiple of the heads).</summary>
    public IReadOnlyList<int> Heads { get; init; } = [1, 2, 4];

    /// <summary>The largest dropout rate (0: no dropout parameter).</summary>
    public double MaxDropout { get; init; } = 0.5;

    /// <summary>The optimizers to choose from: adam and/or adamw.</summary>
    public IReadOnlyList<OptimizerKind> Optimizers { get; init; } = [OptimizerKind.Adam, OptimizerKind.AdamW];

    /// <summary>The learning rate: at least.</summary>
    public double MinLearningRate { get; init; } = 5e-4;

    /// <summary>The learning rate: at most.</summary>
    public double MaxLearningRate { get; init; } = 2e-2;

    /// <summary>The weight decay: at least (log scale; 0 with <see cref="MaxWeightDecay"/> 0 for none).</summary>
    public double MinWeightDecay { get; init; } = 1e-7;

    /// <summary>The weight decay: at most.</summary>
    public double MaxWeightDecay { get; init; } = 1e-3;

    /// <summary>Mini-batch sizes to choose from.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [16, 32, 64, 128];

    /// <summary>Training epochs: at least.</summary>
    public int MinEpochs { get; init; } = 2;

    /// <summary>Training epochs: at most (the pruner's maximum resource).</summary>
    public int MaxEpochs { get; init; } = 8;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentException">The first problem found.</exception>
    public void Validate()
    {
        if (Families is null || Families.Count == 0 || Families.Any(f => !Spelling<TextFamilyKind>.IsDefined(f)) || Families.Distinct().Count() != Families.Count)
        {
            throw new ArgumentException($"TextSpaceOptions.Families needs at least one distinct family of: {string.Join(", ", Spelling<TextFamilyKind>.Names)}.");
        }

        Range(MinEmbeddingDim, MaxEmbeddingDim, "embedding dims");
        Range(MinUnits, MaxUnits, "units");
        Range(MinChannels, MaxChannels, "channels");
        Range(1, MaxLayers, "layers");
        Range(MinEpochs, MaxEpochs, "epochs");
        Positive(BatchSizes, 1, "BatchSizes");
        Positive(Heads, 1, "Heads");
        Positive(BigramBuckets, 0, "BigramBuckets");
        Positive(BagHidden, 0, "BagHidden");
        if (KernelSizes is null || KernelSizes.Count == 0 || KernelSizes.Any(s => s is null || s.Count == 0 || s.Any(k => k < 1)))
        {
            throw new ArgumentException("TextSpaceOptions.KernelSizes needs at least one non-empty set of kernel widths >= 1.");
        }

        if (Optimizers is null || Optimizers.Count == 0 || Optimizers.Any(o => o is not (OptimizerKind.Adam or OptimizerKind.AdamW)))
        {
            throw new ArgumentException("TextSpaceOptions.Optimizers takes adam and/or adamw.");
        }

        if (!(MinLearningRate > 0) || !(MaxLearningRate >= MinLearningRate) || double.IsInfinity(MaxLearningRate))
        {
            throw new ArgumentException($"The learning-rate range [{MinLearningRate}, {MaxLearningRate}] must be positive, finite and ordered.");
        }

        bool noDecay = MinWeightDecay == 0 && MaxWeightDecay == 0;
        if (!noDecay && (!(MinWeightDecay > 0) || !(MaxWeightDecay >= MinWeightDecay) || double.IsInfinity(MaxWeightDecay)))
        {
            throw new ArgumentException($"The weight-decay range [{MinWeightDecay}, {MaxWeightDecay}] must be positive, finite and ordered (or both 0 for none).");
        }

        if (MaxDropout is < 0 or >= 1)
        {
            throw new ArgumentException($"TextSpaceOptions.MaxDropout must be in [0, 1), got {MaxDropout}.");
        }
    }

    private static void Range(int low, int high, string what)
    {
        if (low < 1 || high < low)
        {
            throw new ArgumentException($"The range of {what} [{low}, {high}] must be positive and ordered.");
        }
    }

    private static void Positive(IReadOnlyList<int> list, int least, string what)
    {
        if (list is null || list.Count == 0 || list.Any(v => v < least))
        {
            throw new ArgumentException($"TextSpaceOptions.{what} needs at least one entry, each >= {least}.");
        }
    }
}
