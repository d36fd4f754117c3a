using System.Globalization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A define-by-run space of text classifiers: <see cref="Suggest"/> asks the trial for the <c>family</c>, then only
/// that family's parameters, prefixed by its name — <c>bag_embedding_dim</c>, <c>bag_bigrams</c>, <c>bag_hidden</c>;
/// <c>textcnn_embedding_dim</c>, <c>textcnn_channels</c>, <c>textcnn_kernels</c> (e.g. "3,4,5");
/// <c>gru_embedding_dim</c>, <c>gru_hidden</c>, <c>gru_layers</c>, <c>gru_bidirectional</c>, <c>gru_pool</c>
/// ("last" or "mean"), and the same for <c>lstm_</c>; <c>transformer_heads</c>, <c>transformer_embedding_dim</c>,
/// <c>transformer_ff</c>, <c>transformer_layers</c> — then the recipe every family shares: <c>dropout</c>,
/// <c>optimizer</c>, <c>lr</c> (log scale), <c>weight_decay</c> (log scale), <c>batch_size</c>, <c>epochs</c>.
/// </summary>
public sealed class TextSpace
{
    private static readonly Dictionary<TextFamilyKind, Func<Trial, TextSpaceOptions, TextModelConfig>> s_structures = new()
    {
        [TextFamilyKind.Bag] = Bag,
        [TextFamilyKind.TextCnn] = TextCnn,
        [TextFamilyKind.Gru] = (t, o) => Recurrent(t, o, TextFamilyKind.Gru),
        [TextFamilyKind.Lstm] = (t, o) => Recurrent(t, o, TextFamilyKind.Lstm),
        [TextFamilyKind.Transformer] = Transformer,
    };

    /// <summary>Creates the space.</summary>
    /// <param name="options">The ranges (default: <see cref="TextSpaceOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public TextSpace(TextSpaceOptions? options = null)
    {
        Options = options ?? new TextSpaceOptions();
        Options.Validate();
    }

    /// <summary>The ranges.</summary>
    public TextSpaceOptions Options { get; }

    /// <summary>Draws one text classifier from the trial.</summary>
    /// <param name="trial">The trial that suggests.</param>
    /// <returns>A valid configuration.</returns>
    public TextModelConfig Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var o = Options;
        var family = Draw.Choose(trial, "family", o.Families, Spelling<TextFamilyKind>.Of);
        var structure = s_structures[family](trial, o);
        bool decay = o.MaxWeightDecay > 0;
        return structure with
        {
            Family = family,
            Dropout = o.MaxDropout > 0 ? trial.SuggestFloat("dropout", 0, o.MaxDropout) : 0,
            Optimizer = Draw.Choose(trial, "optimizer", o.Optimizers, Spelling<OptimizerKind>.Of),
            LearningRate = o.MinLearningRate == o.MaxLearningRate ? o.MinLearningRate : trial.SuggestFloat("lr", o.MinLearningRate, o.MaxLearningRate, log: true),
            WeightDecay = !decay ? 0 : o.MinWeightDecay == o.MaxWeightDecay ? o.MinWeightDecay : trial.SuggestFloat("weight_decay", o.MinWeightDecay, o.MaxWeightDecay, log: true),
            BatchSize = Draw.Choose(trial, "batch_size", o.BatchSizes),
            Epochs = Draw.Int(trial, "epochs", o.MinEpochs, o.MaxEpochs),
        };
    }

    private static TextModelConfig Bag(Trial trial, TextSpaceOptions o) => new()
    {
        EmbeddingDim = Draw.Int(trial, "bag_embedding_dim", o.MinEmbeddingDim, o.MaxEmbeddingDim, log: true),
        BigramBuckets = Draw.Choose(trial, "bag_bigrams", o.BigramBuckets),
        Hidden = Draw.Choose(trial, "bag_hidden", o.BagHidden),
    };

    private static TextModelConfig TextCnn(Trial trial, TextSpaceOptions o)
    {
        string Spell(IReadOnlyList<int> sizes) => string.Join(",", sizes.Select(k => k.ToString(CultureInfo.InvariantCulture)));
        return new()
        {
            EmbeddingDim = Draw.Int(trial, "textcnn_embedding_dim", o.MinEmbeddingDim, o.MaxEmbeddingDim, log: true),
            Channels = Draw.Int(trial, "textcnn_channels", o.MinChannels, o.MaxChannels, log: true),
            KernelSizes = Draw.Choose(trial, "textcnn_kernels", o.KernelSizes, Spell),
        };
    }

    private static TextModelConfig Recurrent(Trial trial, TextSpaceOptions o, TextFamilyKind family)
    {
        string p = Spelling<TextFamilyKind>.Of(family) + "_";
        return new()
        {
            EmbeddingDim = Draw.Int(trial, p + "embedding_dim", o.MinEmbeddingDim, o.MaxEmbeddingDim, log: true),
            Hidden = Draw.Int(trial, p + "hidden", o.MinUnits, o.MaxUnits, log: true),
            Layers = Draw.Int(trial, p + "layers", 1, o.MaxLayers),
            Bidirectional = trial.SuggestCategorical(p + "bidirectional", [false, true]),
            MeanPool = trial.SuggestCategorical(p + "pool", ["last", "mean"]) == "mean",
        };
    }

    private static TextModelConfig Transformer(Trial trial, TextSpaceOptions o)
    {
        int heads = Draw.Choose(trial, "transformer_heads", o.Heads);
        int dim = Draw.Int(trial, "transformer_embedding_dim", o.MinEmbeddingDim, o.MaxEmbeddingDim, log: true);
        return new()
        {
            Heads = heads,
            EmbeddingDim = Math.Max(heads, dim / heads * heads),
            Hidden = Draw.Int(trial, "transformer_ff", o.MinUnits, o.MaxUnits, log: true),
            Layers = Draw.Int(trial, "transformer_layers", 1, o.MaxLayers),
        };
    }
}
