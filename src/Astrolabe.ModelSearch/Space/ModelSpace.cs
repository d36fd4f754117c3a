namespace Astrolabe.ModelSearch;

/// <summary>
/// A define-by-run space of models: <see cref="Suggest(Trial, SearchTask)"/> asks the trial for the family (among
/// those of <see cref="ModelSpaceOptions.Families"/> that suit the samples), then only the parameters that family
/// draws (<see cref="IModelFamily.SuggestStructure"/>: an MLP's depth and per-layer widths, a CNN's blocks and
/// channels), then the activation, dropout, normalisation and the training recipe (optimizer, log-scale learning
/// rate, momentum for SGD, penalty and its strength, batch size, clipping, schedule, epochs). Choices are suggested
/// by their names (e.g. <c>"relu"</c>), so trials store names, not numbers. Parameter names: <c>family</c>, <c>mlp_layers</c>,
/// <c>mlp_units_l{i}</c>, <c>cnn_blocks</c>, <c>cnn_channels_l{i}</c>, <c>cnn_dense_units</c>, <c>activation</c>,
/// <c>dropout</c>, <c>normalization</c>, <c>optimizer</c>, <c>lr</c>, <c>momentum</c>, <c>penalty</c>,
/// <c>weight_decay</c> / <c>l1</c> / <c>l2</c>, <c>batch_size</c>, <c>clip_norm</c>, <c>schedule</c>, <c>epochs</c>.
/// </summary>
public sealed class ModelSpace
{
    private readonly ModelSpaceOptions _options;

    /// <summary>Creates the space.</summary>
    /// <param name="options">The ranges (default: <see cref="ModelSpaceOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ModelSpace(ModelSpaceOptions? options = null)
    {
        _options = options ?? new ModelSpaceOptions();
        _options.Validate();
    }

    /// <summary>The ranges.</summary>
    public ModelSpaceOptions Options => _options;

    /// <summary>Draws one model for <paramref name="task"/> from the trial.</summary>
    /// <param name="trial">The trial that suggests.</param>
    /// <param name="task">The task (CNNs only for images; the block count is capped by the image size).</param>
    /// <returns>The model's configuration.</returns>
    public ModelConfig Suggest(Trial trial, SearchTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Suggest(trial, task.InputShape);
    }

    /// <summary>Draws one model for samples of <paramref name="inputShape"/> from the trial.</summary>
    /// <param name="trial">The trial that suggests.</param>
    /// <param name="inputShape">One sample's shape.</param>
    /// <returns>The model's configuration.</returns>
    public ModelConfig Suggest(Trial trial, int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(inputShape);
        var o = _options;
        var families = o.Families.Where(f => f.Supports(inputShape)).ToList();
        if (families.Count == 0)
        {
            throw new ArgumentException($"None of the space's families ({string.Join(", ", o.Families.Select(f => f.Name))}) can model samples of shape [{string.Join(", ", inputShape)}].");
        }

        var family = Draw.Choose(trial, "family", families, f => f.Name);
        var structure = family.SuggestStructure(trial, inputShape, o);
        var activation = Draw.Choose(trial, "activation", o.Activations, Spelling<ActivationKind>.Of);
        double dropout = o.MaxDropout > 0 ? trial.SuggestFloat("dropout", 0, o.MaxDropout) : 0;
        var normalization = Draw.Choose(trial, "normalization", o.Normalizations, Spelling<NormalizationKind>.Of);
        var optimizer = Draw.Choose(trial, "optimizer", o.Optimizers, Spelling<OptimizerKind>.Of);
        double lr = o.MinLearningRate == o.MaxLearningRate ? o.MinLearningRate : trial.SuggestFloat("lr", o.MinLearningRate, o.MaxLearningRate, log: true);
        double momentum = optimizer == OptimizerKind.Sgd ? trial.SuggestFloat("momentum", 0, 0.95) : 0;
        var penalty = Draw.Choose(trial, "penalty", o.Penalties, Spelling<PenaltyKind>.Of);
        double strength = penalty switch
        {
            PenaltyKind.WeightDecay => trial.SuggestFloat("weight_decay", 1e-6, 1e-2, log: true),
            PenaltyKind.L1 => trial.SuggestFloat("l1", 1e-7, 1e-4, log: true),
            PenaltyKind.L2 => trial.SuggestFloat("l2", 1e-6, 1e-3, log: true),
            _ => 0,
        };
        var precision = Draw.Choose(trial, "precision", o.Precisions, Spelling<ModelPrecision>.Of);
        IReadOnlyList<int>? floatLayers = null;
        if (precision == ModelPrecision.QInt8 && o.PerLayerPrecision)
        {
            int count = structure.Channels.Count + structure.Hidden.Count + 1;
            floatLayers = [.. Enumerable.Range(0, count).Where(i => trial.SuggestCategorical($"precision_l{i}", ["int8", "fp32"]) == "fp32")];
            floatLayers = floatLayers.Count == 0 ? null : floatLayers;
        }

        return structure with
        {
            Family = family,
            Activation = activation,
            Dropout = dropout,
            Normalization = normalization,
            Optimizer = optimizer,
            LearningRate = lr,
            Momentum = momentum,
            Penalty = penalty,
            Regularization = strength,
            BatchSize = Draw.Choose(trial, "batch_size", o.BatchSizes),
            ClipNorm = Draw.Choose(trial, "clip_norm", o.ClipNorms),
            Schedule = Draw.Choose(trial, "schedule", o.Schedules, Spelling<ScheduleKind>.Of),
            Epochs = Draw.Int(trial, "epochs", o.MinEpochs, o.MaxEpochs),
            Precision = precision,
            FloatLayers = floatLayers,
        };
    }
}
