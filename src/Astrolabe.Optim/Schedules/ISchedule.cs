namespace Astrolabe.Optim;

/// <summary>
/// A learning-rate schedule: the learning rate as a pure function of the 0-based step (the number of scheduler
/// steps taken so far, as PyTorch's <c>last_epoch</c>). Drive an optimizer with <see cref="LearningRateScheduler"/>
/// or use it inside a chain with <see cref="ScaleBySchedule"/>.
/// </summary>
public interface ISchedule
{
    /// <summary>The learning rate at step <paramref name="step"/> ≥ 0.</summary>
    double LearningRateAt(long step);
}
