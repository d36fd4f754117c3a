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
}
