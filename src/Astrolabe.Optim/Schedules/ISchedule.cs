namespace Astrolabe.Optim;

/// <summary>
/// A learning-rate schedule: the learning rate as a pure function of the 0-based step (the number of optimizer steps
/// taken so far, as PyTorch's <c>last_epoch</c> of a scheduler stepped after every optimizer step). It runs inside the
/// optimizer's chain: <c>optimizer.WithSchedule(schedule)</c> or <see cref="ScaleByLearningRate"/>; a per-epoch
/// schedule runs through <see cref="Schedules.PerEpoch"/>.
/// </summary>
public interface ISchedule
{
    /// <summary>The learning rate at step <paramref name="step"/> ≥ 0.</summary>
    double LearningRateAt(long step);
}
