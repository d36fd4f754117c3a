namespace Astrolabe.Optim;

/// <summary>A constant learning rate.</summary>
/// <param name="LearningRate">The rate at every step.</param>
public sealed record ConstantSchedule(double LearningRate) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) => LearningRate;
}

/// <summary><c>lr·γ^⌊t/stepSize⌋</c>, like <c>torch.optim.lr_scheduler.StepLR</c>.</summary>
/// <param name="BaseLearningRate">The rate at step 0.</param>
/// <param name="StepSize">The period of the decay, ≥ 1.</param>
/// <param name="Gamma">The factor per period.</param>
public sealed record StepSchedule(double BaseLearningRate, int StepSize, double Gamma = 0.1) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) => BaseLearningRate * Math.Pow(Gamma, step / Math.Max(1, StepSize));
}

/// <summary><c>lr·γ^(number of milestones ≤ t)</c>, like <c>MultiStepLR</c>.</summary>
/// <param name="BaseLearningRate">The rate at step 0.</param>
/// <param name="Milestones">The steps at which the rate is multiplied by γ.</param>
/// <param name="Gamma">The factor per milestone.</param>
public sealed record MultiStepSchedule(double BaseLearningRate, IReadOnlyList<int> Milestones, double Gamma = 0.1) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) => BaseLearningRate * Math.Pow(Gamma, Milestones.Count(m => m <= step));
}

/// <summary><c>lr·γ^t</c>, like <c>ExponentialLR</c>.</summary>
/// <param name="BaseLearningRate">The rate at step 0.</param>
/// <param name="Gamma">The factor per step.</param>
public sealed record ExponentialSchedule(double BaseLearningRate, double Gamma) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) => BaseLearningRate * Math.Pow(Gamma, step);
}

/// <summary>
/// <c>lr·(s + (e − s)·min(t, T)/T)</c>, like <c>LinearLR(start_factor, end_factor, total_iters)</c>.
/// </summary>
/// <param name="BaseLearningRate">The rate the factors multiply.</param>
/// <param name="StartFactor">The factor at step 0.</param>
/// <param name="EndFactor">The factor from step T on.</param>
/// <param name="TotalIters">T ≥ 1.</param>
public sealed record LinearSchedule(double BaseLearningRate, double StartFactor = 1.0 / 3, double EndFactor = 1.0, int TotalIters = 5) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) =>
        BaseLearningRate * (StartFactor + ((EndFactor - StartFactor) * Math.Min(step, TotalIters) / Math.Max(1, TotalIters)));
}

/// <summary><c>lr·(1 − min(t, T)/T)^power</c>, like <c>PolynomialLR</c>.</summary>
/// <param name="BaseLearningRate">The rate at step 0.</param>
/// <param name="TotalIters">T ≥ 1, the step at which the rate reaches 0.</param>
/// <param name="Power">The exponent.</param>
public sealed record PolynomialSchedule(double BaseLearningRate, int TotalIters = 5, double Power = 1.0) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) =>
        BaseLearningRate * Math.Pow(1.0 - ((double)Math.Min(step, TotalIters) / Math.Max(1, TotalIters)), Power);
}
