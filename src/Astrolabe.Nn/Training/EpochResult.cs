namespace Astrolabe.Nn.Training;

/// <summary>The metrics of one dataset evaluation: mean loss and, depending on the targets, accuracy or RMSE.</summary>
/// <param name="Loss">The mean loss over the samples (without penalty).</param>
/// <param name="Accuracy">The share of correct predictions, or null for regression targets.</param>
/// <param name="Rmse">The root mean squared error, or null for class labels.</param>
/// <param name="Count">The number of samples.</param>
public sealed record Evaluation(double Loss, double? Accuracy, double? Rmse, int Count);

/// <summary>What one training epoch produced; the value a search reports per step.</summary>
/// <param name="Epoch">The epoch number, starting at 1.</param>
/// <param name="TrainLoss">The mean training loss over the epoch's batches (including any penalty).</param>
/// <param name="Validation">The validation metrics, or null without validation data.</param>
/// <param name="LearningRate">The learning rate of the epoch's last optimizer step.</param>
/// <param name="Elapsed">The wall time of the epoch.</param>
public sealed record EpochResult(int Epoch, double TrainLoss, Evaluation? Validation, double LearningRate, TimeSpan Elapsed)
{
    /// <summary>The validation loss when there is validation data, else the training loss.</summary>
    public double MonitoredLoss => Validation?.Loss ?? TrainLoss;
}

/// <summary>A progress report of a running fit.</summary>
/// <param name="Epoch">The current epoch (from 1).</param>
/// <param name="Epochs">The planned number of epochs.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="RunningLoss">The mean training loss so far in this epoch.</param>
/// <param name="Completed">The finished epoch's result when this report ends an epoch, else null.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, EpochResult? Completed);

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="Epochs">One result per epoch run.</param>
/// <param name="StoppedEarly">Whether early stopping or a callback ended the run before the planned epochs.</param>
/// <param name="BestEpoch">The epoch with the lowest monitored loss.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs, bool StoppedEarly, int BestEpoch);
