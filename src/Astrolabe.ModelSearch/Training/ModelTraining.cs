using Astrolabe.Nn.Data;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Trains one <see cref="ModelConfig"/> on a task with Astrolabe.Nn: builds the network from a seed, the optimizer,
/// penalty and per-step schedule, then runs <see cref="ModelConfig.Epochs"/> epochs, scoring the validation data (if
/// any) after each and passing the score to <c>onEpoch</c>, which may stop the run by throwing (a pruned trial).
/// </summary>
public static class ModelTraining
{
    /// <summary>Trains a model.</summary>
    /// <param name="config">What to train.</param>
    /// <param name="task">The task (input shape, outputs, preprocessing).</param>
    /// <param name="train">Scaled training data.</param>
    /// <param name="validation">Scaled validation data scored after each epoch, or null.</param>
    /// <param name="seed">Initialisation, dropout and shuffling seed.</param>
    /// <param name="onEpoch">Called after each epoch with (epoch, validation score in the task's metric); may throw to stop.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <returns>The trained model, with the last validation score.</returns>
    /// <exception cref="NonFiniteLossException">Training diverged (NaN or infinite loss).</exception>
    public static TrainedModel Fit(ModelConfig config, SearchTask task, Dataset train, Dataset? validation, long seed, Action<int, double>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(train);
        var network = ModelBuilder.Build(config, task.InputShape, task.Outputs, seed);
        var optimizer = ModelBuilder.CreateOptimizer(config, network.Parameters());
        int steps = (train.Count + config.BatchSize - 1) / config.BatchSize;
        if (ModelBuilder.CreatePenalty(config, network) is { } penalty)
        {
            // Before clipping, as if it were part of the loss.
            optimizer.WithFirst(new AddPenaltyGradient(penalty));
        }

        if (ModelBuilder.CreateSchedule(config, steps * config.Epochs, steps) is { } schedule)
        {
            optimizer.WithSchedule(schedule);
        }

        var model = new TrainedModel(network, config, task.Name, task.InputShape, task.Outputs, task.IsClassification, task.Preprocessing);
        var trainer = new Trainer(network, model.Loss, optimizer, new TrainerOptions { Epochs = config.Epochs, BatchSize = config.BatchSize, Seed = seed });
        if (validation is not null)
        {
            trainer.Callbacks.Add(new EpochCallback((r, _) =>
            {
                model.ValidationScore = model.Score(r.Validation!);
                onEpoch?.Invoke(r.Epoch, model.ValidationScore.Value);
            }));
        }

        trainer.Fit(train, validation, cancellationToken);
        network.Eval();
        if (config.Precision == ModelPrecision.Fp32)
        {
            return model;
        }

        var converted = Convert(model, config.Precision, train);
        converted.ValidationScore = validation is null ? null : converted.Score(validation);
        return converted;
    }

    /// <summary>Rows of the training part that calibrate an int8 conversion (its first ones).</summary>
    public const int CalibrationRows = 512;

    /// <summary>The trained model in <paramref name="precision"/>: int8 calibrated on the first <see cref="CalibrationRows"/> (scaled) training rows, or 16-bit weights.</summary>
    private static TrainedModel Convert(TrainedModel model, ModelPrecision precision, Dataset scaledTrain)
    {
        if (precision != ModelPrecision.QInt8)
        {
            return model.WithPrecision(precision);
        }

        return QuantizeAsConfigured(model, scaledTrain, CalibrationRows);
    }

    /// <summary>
    /// The model quantised to int8 with the weight layers its configuration keeps in fp32, calibrated on the first
    /// <paramref name="rows"/> (at most) of <paramref name="scaled"/>.
    /// </summary>
    internal static TrainedModel QuantizeAsConfigured(TrainedModel model, Dataset scaled, int rows)
    {
        rows = Math.Min(rows, scaled.Count);
        var options = new Nn.QuantizationOptions { FloatLayers = ModelBuilder.WeightLayerIndices((Nn.Sequential)model.Network, model.Config.FloatLayers) };
        return model.QuantizeScaled(new Nn.Tensor(scaled.Features.AsSpan(0, rows * scaled.SampleSize).ToArray(), [rows, .. model.InputShape]), options);
    }


    /// <summary>
    /// Retrains a chosen configuration on the training and validation parts together (the search used validation to
    /// choose; the final model may learn from it) and scores it once on the untouched test part.
    /// </summary>
    /// <param name="config">The chosen configuration (e.g. the best trial's).</param>
    /// <param name="task">The task.</param>
    /// <param name="seed">Initialisation, dropout and shuffling seed.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <returns>The model and its test score (accuracy, or RMSE in the target's units).</returns>
    public static (TrainedModel Model, double TestScore) FitFinal(ModelConfig config, SearchTask task, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var model = Fit(config, task, Dataset.Concat(task.Train, task.Validation), null, seed, null, cancellationToken);
        return (model, model.Score(task.Test));
    }
}
