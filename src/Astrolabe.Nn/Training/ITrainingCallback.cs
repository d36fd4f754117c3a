namespace Astrolabe.Nn.Training;

/// <summary>
/// Observes a fit at the end of every epoch. A hyperparameter search reports <see cref="EpochResult"/> values here
/// and prunes the run by calling <see cref="TrainingControl.Stop"/> (or by throwing its own exception, e.g. a
/// trial-pruned exception, which propagates out of <see cref="Trainer.Fit"/> unchanged).
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Called after each epoch's validation.</summary>
    /// <param name="result">The epoch's metrics.</param>
    /// <param name="control">Lets the callback end the run.</param>
    void OnEpochEnd(EpochResult result, TrainingControl control);
}

/// <summary>Handed to callbacks to end a fit after the current epoch.</summary>
public sealed class TrainingControl
{
    /// <summary>Whether a callback asked to stop.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Why the run was stopped, when a callback said so.</summary>
    public string? Reason { get; private set; }

    /// <summary>Ends the fit after this epoch.</summary>
    /// <param name="reason">A short reason (e.g. "pruned").</param>
    public void Stop(string reason = "stopped by a callback")
    {
        StopRequested = true;
        Reason = reason;
    }
}

/// <summary>A callback from a delegate.</summary>
/// <param name="onEpochEnd">Called after each epoch.</param>
public sealed class EpochCallback(Action<EpochResult, TrainingControl> onEpochEnd) : ITrainingCallback
{
    /// <inheritdoc />
    public void OnEpochEnd(EpochResult result, TrainingControl control) => onEpochEnd(result, control);
}
