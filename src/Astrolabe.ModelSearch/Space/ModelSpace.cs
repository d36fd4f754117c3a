namespace Astrolabe.ModelSearch;

/// <summary>
/// A define-by-run space of models: <see cref="Suggest(Trial, SearchTask)"/> asks the trial for the family, then only the parameters
/// that family uses (an MLP's depth and per-layer widths, a CNN's blocks and channels), then the activation, dropout,
/// normalisation and the training recipe (optimizer, log-scale learning rate, momentum for SGD, penalty and its
/// strength, batch size, clipping, schedule, epochs). Parameter names: <c>family</c>, <c>mlp_layers</c>,
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
        var families = inputShape.Length == 3 ? o.Families : [.. o.Families.Where(f => f != "cnn")];
        if (families.Count == 0)
        {
            throw new ArgumentException("The space only holds CNNs, but the task's samples are not images.");
        }

        string family = Choose(trial, "family", families);
        IReadOnlyList<int> channels = [], hidden;
        if (family == "cnn")
        {
            int fit = (int)Math.Floor(Math.Log2(Math.Min(inputShape[1], inputShape[2]) / 2.0));
            int blocks = Int(trial, "cnn_blocks", Math.Min(o.MinBlocks, Math.Max(1, fit)), Math.Min(o.MaxBlocks, Math.Max(1, fit)));
            channels = [.. Enumerable.Range(0, blocks).Select(i => Int(trial, $"cnn_channels_l{i}", o.MinChannels, o.MaxChannels, log: true))];
            hidden = [Int(trial, "cnn_dense_units", o.MinUnits, o.MaxUnits, log: true)];
        }
        else
        {
            int layers = Int(trial, "mlp_layers", o.MinLayers, o.MaxLayers);
            hidden = [.. Enumerable.Range(0, layers).Select(i => Int(trial, $"mlp_units_l{i}", o.MinUnits, o.MaxUnits, log: true))];
        }

        string activation = Choose(trial, "activation", o.Activations);
        double dropout = o.MaxDropout > 0 ? trial.SuggestFloat("dropout", 0, o.MaxDropout) : 0;
        string normalization = Choose(trial, "normalization", o.Normalizations);
        string optimizer = Choose(trial, "optimizer", o.Optimizers);
        double lr = o.MinLearningRate == o.MaxLearningRate ? o.MinLearningRate : trial.SuggestFloat("lr", o.MinLearningRate, o.MaxLearningRate, log: true);
        double momentum = optimizer == "sgd" ? trial.SuggestFloat("momentum", 0, 0.95) : 0;
        string penalty = Choose(trial, "penalty", o.Penalties);
        double strength = penalty switch
        {
            "weight_decay" => trial.SuggestFloat("weight_decay", 1e-6, 1e-2, log: true),
            "l1" => trial.SuggestFloat("l1", 1e-7, 1e-4, log: true),
            "l2" => trial.SuggestFloat("l2", 1e-6, 1e-3, log: true),
            _ => 0,
        };
        return new ModelConfig
        {
            Family = family,
            Hidden = hidden,
            Channels = channels,
            Activation = activation,
            Dropout = dropout,
            Normalization = normalization,
            Optimizer = optimizer,
            LearningRate = lr,
            Momentum = momentum,
            Penalty = penalty,
            Regularization = strength,
            BatchSize = Choose(trial, "batch_size", o.BatchSizes),
            ClipNorm = Choose(trial, "clip_norm", o.ClipNorms),
            Schedule = Choose(trial, "schedule", o.Schedules),
            Epochs = Int(trial, "epochs", o.MinEpochs, o.MaxEpochs),
        };
    }

    private static T Choose<T>(Trial trial, string name, IReadOnlyList<T> choices) =>
        choices.Count == 1 ? choices[0] : trial.SuggestCategorical(name, choices);

    private static int Int(Trial trial, string name, int low, int high, bool log = false) =>
        low == high ? low : trial.SuggestInt(name, low, high, log: log);
}
