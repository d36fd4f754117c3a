namespace Astrolabe.ModelSearch;

/// <summary>
/// A define-by-run space of recommendation models: <see cref="Suggest"/> asks the trial for the <c>family</c>, then
/// only that family's structure (<c>mf_factors</c>; <c>neumf_factors</c>, <c>neumf_mlp_layers</c>,
/// <c>neumf_mlp_width</c>, <c>neumf_dropout</c>; <c>twotower_factors</c>, <c>twotower_tower_layers</c>,
/// <c>twotower_tower_width</c>, <c>twotower_dropout</c>), then the recipe: <c>lr</c> and <c>l2</c> and
/// <c>bias_l2</c> (log scale), <c>weight_decay</c> (neural families only), <c>fitted_biases</c>, <c>batch_size</c>
/// and <c>epochs</c>. A range with equal bounds, or a list of one, is a constant, not a parameter.
/// </summary>
public sealed class RecommenderSpace
{
    /// <summary>Creates the space.</summary>
    /// <param name="options">The ranges (default: <see cref="RecommenderSpaceOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public RecommenderSpace(RecommenderSpaceOptions? options = null)
    {
        Options = options ?? new RecommenderSpaceOptions();
        Options.Validate();
    }

    /// <summary>The ranges.</summary>
    public RecommenderSpaceOptions Options { get; }

    /// <summary>Draws one model from the trial.</summary>
    /// <param name="trial">The trial that suggests.</param>
    /// <returns>The configuration (valid).</returns>
    public RecommenderConfig Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var o = Options;
        var family = o.Families.Count == 1 ? o.Families[0] : RecommenderFamilies.Get(trial.SuggestCategorical("family", [.. o.Families.Select(f => f.Name)]));
        var config = family.SuggestStructure(trial, o, new RecommenderConfig { Family = family.Name });
        bool neural = config.Hidden.Count > 0;
        var fitted = o.FittedBiases.Count == 1 ? o.FittedBiases[0] : trial.SuggestCategorical("fitted_biases", [.. o.FittedBiases.Select(b => b ? "yes" : "no")]) == "yes";
        config = config with
        {
            LearningRate = Float(trial, "lr", o.MinLearningRate, o.MaxLearningRate),
            EmbeddingL2 = Float(trial, "l2", o.MinL2, o.MaxL2),
            BiasL2 = Float(trial, "bias_l2", o.MinBiasL2, o.MaxBiasL2),
            WeightDecay = neural && o.MaxWeightDecay > 0 ? Float(trial, "weight_decay", 1e-6, o.MaxWeightDecay) : 0,
            FittedBiases = fitted,
            BatchSize = Draw.Choose(trial, "batch_size", o.BatchSizes),
            Epochs = Draw.Int(trial, "epochs", o.MinEpochs, o.MaxEpochs),
        };
        config.Validate();
        return config;
    }

    private static double Float(Trial trial, string name, double low, double high) =>
        low == high ? low : trial.SuggestFloat(name, low, high, log: true);
}
