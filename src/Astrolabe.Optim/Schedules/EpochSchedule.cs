namespace Astrolabe.Optim;

/// <summary>
/// A schedule of epochs run over optimizer steps: step t uses <c>Schedule(⌊t / StepsPerEpoch⌋)</c>, so the rate
/// changes once per epoch, as a PyTorch scheduler stepped after every epoch.
/// </summary>
/// <param name="Schedule">The rate as a function of the 0-based epoch.</param>
/// <param name="StepsPerEpoch">The optimizer steps of one epoch, ≥ 1.</param>
public sealed record EpochSchedule(ISchedule Schedule, int StepsPerEpoch) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) => Schedule.LearningRateAt(step / Math.Max(1, StepsPerEpoch));
}
