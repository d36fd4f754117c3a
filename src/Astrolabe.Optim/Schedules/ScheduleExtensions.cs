namespace Astrolabe.Optim;

/// <summary>Puts a schedule into an optimizer's chain: <c>Optimizers.Adam(ps).WithSchedule(Schedules.WarmupCosine(1e-3, 100, 900))</c>.</summary>
public static class ScheduleExtensions
{
    /// <summary>
    /// Replaces the learning rate of the optimizer's chain by <c>new ScaleByLearningRate(schedule)</c>: step t (from 1)
    /// uses <c>schedule(t − 1)</c>, and <see cref="Optimizer.LearningRate"/> reports the rate of the next step.
    /// </summary>
    /// <param name="optimizer">The optimizer, not started yet.</param>
    /// <param name="schedule">The rate as a function of the 0-based step (wrap a per-epoch schedule with <see cref="Schedules.PerEpoch"/>).</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="InvalidOperationException">The optimizer has started, or its chain has no learning rate.</exception>
    public static Optimizer WithSchedule(this Optimizer optimizer, ISchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer.WithLearningRate(new ScaleByLearningRate(schedule));
    }
}
