using System.Diagnostics;
using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Training;

/// <summary>
/// Trains a <see cref="Module"/> with an Astrolabe.Optim <see cref="Optimizer"/>: mini-batch epochs, validation after
/// each epoch (loss, accuracy or RMSE), early stopping, callbacks (report and prune), progress and checkpoints.
/// </summary>
/// <remarks>
/// One step: zero the gradients, forward, loss, backward, optimizer step. A penalty attached to the optimizer
/// (<c>WithPenalty</c>) adds its gradient in the step and its value to the reported training loss
/// (<c>J(w) = mean loss + P(w)</c>). A NaN or infinite loss stops
/// the run with a <see cref="NonFiniteLossException"/> naming the first layer whose parameters or output went bad.
/// Every step and every evaluation batch runs in a scope of the trainer's own <see cref="TensorArena"/>: batches,
/// activations and gradients reuse the previous step's arrays, so a steady-state step allocates (almost) nothing.
/// Callbacks and progress reports see only numbers, never a step's tensors.
/// </remarks>
public sealed class Trainer
{
    private readonly Module _model;
    private readonly ILoss _loss;
    private readonly Optimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly TensorArena _arena = new();
    private int _epochsDone;
    private double _lastLearningRate;

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model; its parameters must be the ones the optimizer updates (see <see cref="Module.Parameters"/>).</param>
    /// <param name="loss">The objective.</param>
    /// <param name="optimizer">The optimizer, with any clipping, penalty, weight decay or learning-rate schedule in its chain (a per-epoch schedule through <c>Schedules.PerEpoch</c>).</param>
    /// <param name="options">The settings (default: <see cref="TrainerOptions"/>'s defaults).</param>
    public Trainer(Module model, ILoss loss, Optimizer optimizer, TrainerOptions? options = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _options = options ?? new TrainerOptions();
        _options.Validate();
    }

    /// <summary>Called after every epoch, in order.</summary>
    public IList<ITrainingCallback> Callbacks { get; } = [];

    /// <summary>Reduces the learning rate when the monitored loss (validation loss, else training loss) plateaus, or null.</summary>
    public ReduceLearningRateOnPlateau? Plateau { get; set; }

    /// <summary>Epochs completed by this trainer (also restored by <see cref="LoadCheckpoint"/>).</summary>
    public int EpochsDone => _epochsDone;

    /// <summary>Trains for <see cref="TrainerOptions.Epochs"/> epochs (or until stopped).</summary>
    /// <param name="train">The training data.</param>
    /// <param name="validation">Validation data evaluated after every epoch, or null.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>The per-epoch history.</returns>
    public TrainingHistory Fit(Dataset train, Dataset? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException("The training dataset is empty.", nameof(train));
        }

        var history = new List<EpochResult>();
        var control = new TrainingControl();
        double best = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        float[][]? bestWeights = null;
        bool stoppedEarly = false;
        int batches = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        for (int e = 1; e <= _options.Epochs; e++)
        {
            var sw = Stopwatch.StartNew();
            double trainLoss = TrainEpoch(train, e, batches, cancellationToken);
            var val = validation is { Count: > 0 } ? Evaluate(validation) : null;
            var result = new EpochResult(++_epochsDone, trainLoss, val, _lastLearningRate, sw.Elapsed);
            history.Add(result);
            Plateau?.Step(result.MonitoredLoss);
            _options.Progress?.Report(new TrainingProgress(e, _options.Epochs, batches, batches, trainLoss, result));
            if (result.MonitoredLoss < best - _options.MinDelta)
            {
                best = result.MonitoredLoss;
                bestEpoch = result.Epoch;
                sinceBest = 0;
                if (_options.EarlyStoppingPatience is not null && _options.RestoreBestWeights)
                {
                    bestWeights = [.. _model.NamedParameters().Select(p => (float[])p.Tensor.Data.Clone())];
                }
            }
            else
            {
                sinceBest++;
            }

            foreach (var callback in Callbacks)
            {
                callback.OnEpochEnd(result, control);
            }

            if (control.StopRequested || (_options.EarlyStoppingPatience is int patience && sinceBest >= patience))
            {
                stoppedEarly = e < _options.Epochs;
                break;
            }
        }

        if (bestWeights is not null)
        {
            var ps = _model.NamedParameters();
            for (int i = 0; i < ps.Count; i++)
            {
                bestWeights[i].CopyTo(ps[i].Tensor.Data, 0);
            }
        }

        return new TrainingHistory(history, stoppedEarly, bestEpoch);
    }

    /// <summary>Evaluates the model on <paramref name="data"/> without recording a graph, in evaluation mode.</summary>
    /// <param name="data">The dataset.</param>
    /// <returns>Mean loss and accuracy (labels) or RMSE (targets).</returns>
    public Evaluation Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot evaluate on an empty dataset.", nameof(data));
        }

        bool wasTraining = _model.IsTraining;
        _model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            double loss = 0, sse = 0;
            long correct = 0;
            int batchSize = Math.Max(_options.BatchSize, 256);
            var order = data.VisitOrder(shuffle: false, rng: null);
            for (int start = 0; start < data.Count; start += batchSize)
            {
                using var scope = _arena.Enter();
                var batch = Batch.Gather(data, order.AsSpan(start, Math.Min(batchSize, data.Count - start)), scoped: true);
                var output = _model.Forward(batch.Inputs);
                loss += _loss.Compute(output, batch).Item() * (double)batch.Size;
                if (batch.Labels is not null)
                {
                    correct += Metrics.CorrectCount(output, batch.Labels);
                }
                else if (batch.Targets is not null)
                {
                    sse += Metrics.SumSquaredError(output, batch.Targets);
                }
            }

            return new Evaluation(
                loss / data.Count,
                data.Labels is null ? null : correct / (double)data.Count,
                data.Targets is null ? null : Math.Sqrt(sse / data.Targets.Length),
                data.Count);
        }
        finally
        {
            _model.Train(wasTraining);
        }
    }

    /// <summary>Writes the model's parameters and buffers, the optimizer state and the epoch count.</summary>
    /// <param name="stream">The destination.</param>
    public void SaveCheckpoint(Stream stream) => Checkpoint.Save(stream, _model, _optimizer, _epochsDone);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote (the model must have the same structure).</summary>
    /// <param name="stream">The source.</param>
    public void LoadCheckpoint(Stream stream) => _epochsDone = Checkpoint.Load(stream, _model, _optimizer);

    private double TrainEpoch(Dataset train, int epoch, int batches, CancellationToken ct)
    {
        _model.Train();
        double sum = 0;
        int b = 0;
        // The order of epoch e depends only on (seed, e), so a run resumed from a checkpoint sees the same batches.
        var rng = new Rng(_options.Seed ^ ((_epochsDone + 1L) * 0x5DEECE66DL));
        var order = train.VisitOrder(_options.Shuffle, rng);
        var parameters = _model.NamedParameters();
        for (int start = 0; start < train.Count; start += _options.BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = _arena.Enter();
            var batch = Batch.Gather(train, order.AsSpan(start, Math.Min(_options.BatchSize, train.Count - start)), scoped: true);
            foreach (var (_, p) in parameters)
            {
                p.ZeroGrad();
            }

            var loss = _loss.Compute(_model.Forward(batch.Inputs), batch);
            float value = loss.Item();
            if (!float.IsFinite(value))
            {
                throw NonFiniteLossException.Diagnose(_model, batch.Inputs, value, epoch, b + 1);
            }

            loss.Backward();
            double objective = value + _optimizer.PenaltyValue();
            _lastLearningRate = _optimizer.LearningRate;
            _optimizer.Step();
            sum += objective;
            b++;
            if (_options.Progress is not null && b % _options.ProgressEveryBatches == 0)
            {
                _options.Progress.Report(new TrainingProgress(epoch, _options.Epochs, b, batches, sum / b, null));
            }
        }

        return sum / Math.Max(1, b);
    }
}
