using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The objective of a model search: draws a model from the <see cref="ModelSpace"/>, records its configuration as the
/// trial's user attribute <c>model</c>, trains it on the task's training part, reports the validation score after
/// every epoch (step = epoch) and stops with <see cref="TrialPrunedException"/> when the pruner says so. Returns the
/// validation score after the last epoch: accuracy for classification (maximise), RMSE for regression (minimise).
/// A run whose loss becomes NaN or infinite fails with <see cref="NonFiniteLossException"/> (pass it to
/// <c>OptimizeOptions.Catch</c> to record it as a failed trial and go on). Every trial, finished, pruned or failed,
/// records the floating-point operations its training and validation ran (<see cref="Nn.FlopCounter"/>: matrix
/// products and convolutions, forward and backward) as the system attribute <see cref="FlopsAttribute"/>.
/// </summary>
/// <param name="task">The task.</param>
/// <param name="space">The space (default: <see cref="ModelSpaceOptions"/>'s defaults).</param>
/// <param name="seed">The base seed; trial n trains with seed <c>seed·1,000,003 + n</c>.</param>
public sealed class ModelObjective(SearchTask task, ModelSpace? space = null, long seed = 0)
{
    /// <summary>The user attribute that holds the trial's <see cref="ModelConfig"/> as JSON.</summary>
    public const string ConfigAttribute = "model";

    /// <summary>The system attribute that holds the floating-point operations the trial ran (a number).</summary>
    public const string FlopsAttribute = TrialCost.FlopsKey;

    /// <summary>The task.</summary>
    public SearchTask Task { get; } = task ?? throw new ArgumentNullException(nameof(task));

    /// <summary>The space.</summary>
    public ModelSpace Space { get; } = space ?? new ModelSpace();

    /// <summary>
    /// Whether each trial ends with a full garbage collection (default true). A trial leaves its activations,
    /// gradients and optimizer state behind — tens of megabytes of large arrays for a CNN — and without a collection
    /// the next trial's network grows the heap into fresh pages until the large-object budget forces one: in a
    /// search of CNNs, 0.2–0.4 s of page faults in a trial's first epoch. Collected at once, their memory is reused.
    /// (Optuna's <c>gc_after_trial</c>.)
    /// </summary>
    public bool CollectAfterTrial { get; init; } = true;

    /// <summary>The direction a study of this objective must have.</summary>
    public StudyDirection Direction => Task.Direction;

    /// <summary>The seed trial <paramref name="number"/> trains with.</summary>
    /// <param name="number">The trial's number.</param>
    /// <returns>The seed.</returns>
    public long TrialSeed(int number) => unchecked((seed * 1_000_003L) + number);

    /// <summary>Trains the trial's model and returns its validation score.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The validation score after the last epoch.</returns>
    public double Evaluate(Trial trial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Train(trial, Suggest(trial), (epoch, score) => trial.Report(score, epoch),
            (epoch, score) => $"Pruned after epoch {epoch} with validation {Task.MetricName} {score:G4}.", cancellationToken);
    }

    /// <summary>
    /// Trains the trial's model and returns the chosen measures, in their order, for a study of several objectives
    /// (<see cref="ModelMeasure.Score"/> in the task's direction, the others minimised). The size and the latency are
    /// measured on the network before training (neither depends on the weights) and recorded as the user attributes
    /// <c>bytes</c> and <c>latency_ms</c>; after every epoch the trial reports all measures as one vector
    /// (<see cref="Trial.Report(IReadOnlyList{double}, long)"/>) and stops when a <see cref="ParetoPruner"/> says so.
    /// Throws <see cref="ArgumentException"/> for an empty list or a measure named twice.
    /// </summary>
    /// <param name="trial">The trial.</param>
    /// <param name="measures">What to return, e.g. score, bytes, latency.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The measures' values after the last epoch.</returns>
    public IReadOnlyList<double> EvaluateMeasures(Trial trial, IReadOnlyList<ModelMeasure> measures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(measures);
        if (measures.Count == 0 || measures.Distinct().Count() != measures.Count)
        {
            throw new ArgumentException($"Name each measure once, at least one; got [{string.Join(", ", measures)}].", nameof(measures));
        }

        var config = Suggest(trial);
        var probe = new TrainedModel(ModelBuilder.Build(config, Task.InputShape, Task.Outputs, TrialSeed(trial.Number)), config, Task.Name, Task.InputShape, Task.Outputs, Task.IsClassification, Task.Preprocessing);
        probe.Network.Eval();
        double bytes = ModelMeasures.Bytes(probe.Network, config.Precision, config.FloatLayers);
        double latency = measures.Contains(ModelMeasure.Latency) ? ModelMeasures.LatencyMilliseconds(LatencyProbe(probe, config.Precision)) : double.NaN;
        trial.SetUserAttr("bytes", (long)bytes);
        if (!double.IsNaN(latency))
        {
            trial.SetUserAttr("latency_ms", latency);
        }

        double[] Values(double score) => [.. measures.Select(m => m switch { ModelMeasure.Score => score, ModelMeasure.Bytes => bytes, _ => latency })];
        return Values(Train(trial, config, (epoch, score) => trial.Report(Values(score), epoch),
            (epoch, score) => $"Pruned after epoch {epoch}: dominated at this epoch (validation {Task.MetricName} {score:G4}).", cancellationToken));
    }

    /// <summary>The untrained model as it will run: int8 (calibrated on a few training rows) when the trial chose int8.</summary>
    private TrainedModel LatencyProbe(TrainedModel probe, ModelPrecision precision)
    {
        if (precision != ModelPrecision.QInt8)
        {
            return probe;
        }

        return ModelTraining.QuantizeAsConfigured(probe, Task.Train, rows: 64);
    }

    /// <summary>Draws the trial's model and records it as the user attribute <see cref="ConfigAttribute"/>.</summary>
    private ModelConfig Suggest(Trial trial)
    {
        var config = Space.Suggest(trial, Task);
        trial.SetUserAttr(ConfigAttribute, config.ToJson());
        return config;
    }

    /// <summary>
    /// Trains the trial's model, reporting after every epoch and stopping with <paramref name="pruned"/>'s message when
    /// the pruner says so; records the FLOPs it ran however it ends. Returns the last validation score.
    /// </summary>
    private double Train(Trial trial, ModelConfig config, Action<int, double> report, Func<int, double, string> pruned, CancellationToken cancellationToken)
    {
        using var flops = Nn.FlopCounter.Start();
        try
        {
            var model = ModelTraining.Fit(config, Task, Task.Train, Task.Validation, TrialSeed(trial.Number), (epoch, score) =>
            {
                report(epoch, score);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException(pruned(epoch, score));
                }
            }, cancellationToken);
            return model.ValidationScore!.Value;
        }
        finally
        {
            trial.SetSystemAttr(FlopsAttribute, flops.Total);
            if (CollectAfterTrial)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            }
        }
    }

    /// <summary>The model configuration a finished trial of this objective recorded.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">The trial has no model configuration.</exception>
    public static ModelConfig ConfigOf(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.UserAttrs.TryGetValue(ConfigAttribute, out var json) && json is string s
            ? ModelConfig.FromJson(s)
            : throw new InvalidDataException($"Trial {trial.Number} has no '{ConfigAttribute}' attribute; it was not run by a model search.");
    }
}
