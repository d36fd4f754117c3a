namespace Astrolabe.Optim;

/// <summary>
/// Runs one schedule until a milestone, then the next from its own step 0, like <c>SequentialLR</c>
/// (e.g. linear warm-up, then cosine decay).
/// </summary>
public sealed class SequentialSchedule : ISchedule
{
    private readonly ISchedule[] schedules;
    private readonly long[] milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="schedules">The schedules, in order.</param>
    /// <param name="milestones">The increasing steps at which the next schedule takes over (one fewer than schedules).</param>
    /// <exception cref="ArgumentException">The counts disagree or the milestones do not increase.</exception>
    public SequentialSchedule(IReadOnlyList<ISchedule> schedules, IReadOnlyList<long> milestones)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(milestones);
        if (schedules.Count != milestones.Count + 1)
        {
            throw new ArgumentException($"Expected {schedules.Count - 1} milestones for {schedules.Count} schedules, got {milestones.Count}.", nameof(milestones));
        }

        for (int k = 1; k < milestones.Count; k++)
        {
            if (milestones[k] <= milestones[k - 1])
            {
                throw new ArgumentException("The milestones must increase.", nameof(milestones));
            }
        }

        this.schedules = [.. schedules];
        this.milestones = [.. milestones];
    }

    /// <inheritdoc/>
    public double LearningRateAt(long step)
    {
        int k = 0;
        while (k < milestones.Length && step >= milestones[k])
        {
            k++;
        }

        return schedules[k].LearningRateAt(k == 0 ? step : step - milestones[k - 1]);
    }
}
