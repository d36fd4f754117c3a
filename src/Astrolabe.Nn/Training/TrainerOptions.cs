namespace Astrolabe.Nn.Training;

/// <summary>Settings of a <see cref="Trainer"/> run, validated once when the trainer is created.</summary>
public sealed class TrainerOptions
{
    /// <summary>The number of passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether to visit the training samples in a new random order each epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the shuffling order (default 0); epoch e shuffles with a source derived from (seed, e).</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Stop when the monitored validation metric has not improved by <see cref="MinDelta"/> for this many epochs
    /// (null: never stop early). The best weights are restored at the end when set.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>The smallest change that counts as an improvement for early stopping (default 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>Whether to restore the best weights (by validation loss) when early stopping is on (default true).</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Where to report progress (one report per epoch and every <see cref="ProgressEveryBatches"/> batches), or null.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>How often, in batches, a progress report is sent during an epoch (default 50).</summary>
    public int ProgressEveryBatches { get; init; } = 50;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ProgressEveryBatches);
        if (EarlyStoppingPatience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), "Patience must be at least 1 epoch.");
        }
    }
}
