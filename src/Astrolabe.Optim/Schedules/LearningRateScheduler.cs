namespace Astrolabe.Optim;

/// <summary>
/// Drives an optimizer's learning rate with a schedule, like a PyTorch scheduler: construction sets the rate of step
/// 0, and each <see cref="Step"/> (once per epoch or per batch, as the schedule means) advances to the next.
/// </summary>
public sealed class LearningRateScheduler
{
    private readonly Optimizer optimizer;
    private readonly ISchedule schedule;

    /// <summary>Attaches the schedule and sets <c>optimizer.LearningRate</c> to its value at step 0.</summary>
    public LearningRateScheduler(Optimizer optimizer, ISchedule schedule)
    {
        this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        Apply();
    }

    /// <summary>The number of scheduler steps taken (PyTorch's <c>last_epoch</c>).</summary>
    public long StepCount { get; private set; }

    /// <summary>Advances one step and sets the optimizer's learning rate.</summary>
    public void Step()
    {
        StepCount++;
        Apply();
    }

    private void Apply() => optimizer.LearningRate = Math.Max(0, schedule.LearningRateAt(StepCount));
}
