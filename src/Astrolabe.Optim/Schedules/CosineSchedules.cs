namespace Astrolabe.Optim;

/// <summary>
/// <c>η_min + (lr − η_min)·(1 + cos(π·t/T))/2</c>, like <c>CosineAnnealingLR</c>; past T it rises again (periodic),
/// as PyTorch does.
/// </summary>
/// <param name="BaseLearningRate">The rate at step 0.</param>
/// <param name="TMax">T ≥ 1, the half period.</param>
/// <param name="EtaMin">The rate at step T.</param>
public sealed record CosineAnnealingSchedule(double BaseLearningRate, int TMax, double EtaMin = 0) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step) =>
        EtaMin + ((BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * step / Math.Max(1, TMax))) / 2);
}

/// <summary>
/// SGDR (Loshchilov and Hutter, 2017), like <c>CosineAnnealingWarmRestarts</c>: cosine annealing over cycles of
/// length T0, T0·m, T0·m², …, restarting at the base rate.
/// </summary>
/// <param name="BaseLearningRate">The rate at the start of each cycle.</param>
/// <param name="T0">The first cycle's length, ≥ 1.</param>
/// <param name="TMult">The growth factor of cycle lengths, ≥ 1.</param>
/// <param name="EtaMin">The lowest rate.</param>
public sealed record CosineWarmRestartsSchedule(double BaseLearningRate, int T0, int TMult = 1, double EtaMin = 0) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step)
    {
        long cycle = Math.Max(1, T0), t = step;
        while (t >= cycle)
        {
            t -= cycle;
            cycle *= Math.Max(1, TMult);
        }

        return EtaMin + ((BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * t / cycle)) / 2);
    }
}

/// <summary>
/// The 1cycle policy (Smith and Topin, 2019), like PyTorch's <c>OneCycleLR</c> with momentum cycling off. Two phases
/// (the default): from maxLr/divFactor up to maxLr at step <c>pctStart·total − 1</c>, then down to
/// maxLr/(divFactor·finalDivFactor) at step total − 1. Three phases (<c>three_phase=True</c>): up to maxLr at step
/// <c>pctStart·total − 1</c>, back down to the initial rate at step <c>2·pctStart·total − 2</c>, then annealed to the
/// minimum at step total − 1. Each phase anneals by cosine or linearly; phase boundaries may fall between steps, as
/// in PyTorch. Steps past the end extrapolate the last phase (PyTorch raises there).
/// </summary>
/// <param name="MaxLearningRate">The peak rate.</param>
/// <param name="TotalSteps">The number of steps of the cycle.</param>
/// <param name="PctStart">The fraction of the cycle spent increasing.</param>
/// <param name="CosineAnnealing">Cosine (true, PyTorch's default) or linear annealing.</param>
/// <param name="DivFactor">The initial rate is maxLr/divFactor.</param>
/// <param name="FinalDivFactor">The final rate is the initial rate/finalDivFactor.</param>
/// <param name="ThreePhase">PyTorch's <c>three_phase</c>: return to the initial rate before the final annealing.</param>
public sealed record OneCycleSchedule(double MaxLearningRate, int TotalSteps, double PctStart = 0.3, bool CosineAnnealing = true, double DivFactor = 25, double FinalDivFactor = 1e4, bool ThreePhase = false) : ISchedule
{
    /// <inheritdoc/>
    public double LearningRateAt(long step)
    {
        double initial = MaxLearningRate / DivFactor, final = initial / FinalDivFactor;
        double peakStep = (PctStart * TotalSteps) - 1, endStep = TotalSteps - 1;
        if (step <= peakStep)
        {
            return Anneal(initial, MaxLearningRate, step / peakStep);
        }

        if (!ThreePhase)
        {
            return Anneal(MaxLearningRate, final, (step - peakStep) / (endStep - peakStep));
        }

        double returnStep = (2 * PctStart * TotalSteps) - 2;
        return step <= returnStep
            ? Anneal(MaxLearningRate, initial, (step - peakStep) / (returnStep - peakStep))
            : Anneal(initial, final, (step - returnStep) / (endStep - returnStep));
    }

    private double Anneal(double start, double end, double pct) =>
        CosineAnnealing ? end + ((start - end) / 2 * (1 + Math.Cos(Math.PI * pct))) : ((end - start) * pct) + start;
}
