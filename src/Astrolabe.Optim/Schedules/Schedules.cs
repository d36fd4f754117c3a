namespace Astrolabe.Optim;

/// <summary>Factories of composite schedules.</summary>
public static class Schedules
{
    /// <summary>
    /// Linear warm-up from <c>startFactor·lr</c> to lr over <paramref name="warmupSteps"/> steps, then cosine
    /// annealing to <paramref name="etaMin"/> over <paramref name="tMax"/> steps (PyTorch: SequentialLR of LinearLR and
    /// CosineAnnealingLR with milestone warmupSteps).
    /// </summary>
    public static ISchedule WarmupCosine(double baseLearningRate, int warmupSteps, int tMax, double startFactor = 0.01, double etaMin = 0)
    {
        Check.LearningRate(baseLearningRate, nameof(baseLearningRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tMax, 1);
        return new SequentialSchedule(
            [new LinearSchedule(baseLearningRate, startFactor, 1.0, warmupSteps), new CosineAnnealingSchedule(baseLearningRate, tMax, etaMin)],
            [warmupSteps]);
    }

    /// <summary>Runs a per-epoch schedule over optimizer steps (see <see cref="EpochSchedule"/>).</summary>
    /// <param name="schedule">The rate as a function of the 0-based epoch.</param>
    /// <param name="stepsPerEpoch">The optimizer steps of one epoch, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepsPerEpoch"/> is below 1.</exception>
    public static ISchedule PerEpoch(ISchedule schedule, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        return new EpochSchedule(schedule, stepsPerEpoch);
    }
}
