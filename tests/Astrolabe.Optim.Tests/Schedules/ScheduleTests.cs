namespace Astrolabe.Optim.Tests;

public sealed class ScheduleTests
{
    [Fact]
    public void ConstantAndSequentialSchedules()
    {
        Assert.Equal(0.3, new ConstantSchedule(0.3).LearningRateAt(1000));
        var s = new SequentialSchedule([new ConstantSchedule(1), new ExponentialSchedule(2, 0.5)], [3]);
        Assert.Equal([1, 1, 1, 2, 1, 0.5], Enumerable.Range(0, 6).Select(t => s.LearningRateAt(t)));
        Assert.Contains("Expected 1 milestones", Assert.Throws<ArgumentException>(() => new SequentialSchedule([new ConstantSchedule(1), new ConstantSchedule(2)], [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AScheduleInTheChainFollowsTheOptimizersSteps()
    {
        var p = new Parameter("w", [0f], [1f], 1);
        var opt = new Optimizer([p], new Chain(new ScaleByLearningRate(new StepSchedule(1.0, 2, 0.5))));
        var rates = new List<double>();
        for (int t = 0; t < 4; t++)
        {
            rates.Add(opt.LearningRate);
            opt.Step();
        }

        Assert.Equal(-(1 + 1 + 0.5f + 0.5f), p.Value[0]);
        Assert.Equal([1, 1, 0.5, 0.5], rates);
        Assert.Equal(0.25, opt.LearningRate);
    }

    [Fact]
    public void WithScheduleReplacesTheRateOfAFactoryChainAndPerEpochHoldsItForAnEpoch()
    {
        var p = new Parameter("w", [0f], [1f], 1);
        var opt = Optimizers.Sgd([p], lr: 0.1).WithGradientClipping(10).WithSchedule(Schedules.PerEpoch(new ExponentialSchedule(1.0, 0.5), stepsPerEpoch: 3));
        var rates = new List<double>();
        for (int t = 0; t < 7; t++)
        {
            rates.Add(opt.LearningRate);
            opt.Step();
        }

        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25], rates);
        Assert.Equal(-4.75f, p.Value[0]);
        Assert.Throws<InvalidOperationException>(() => opt.WithSchedule(new ConstantSchedule(1)));
        Assert.Contains("no learning-rate transformation", Assert.Throws<InvalidOperationException>(() => new Optimizer([p], new Scale(-1)).WithSchedule(new ConstantSchedule(1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlateauInMaxModeWithAnAbsoluteThreshold()
    {
        var opt = Optimizers.Sgd([new Parameter("w", [0f], [0f], 1)], lr: 1.0);
        var plateau = new ReduceLearningRateOnPlateau(opt, new PlateauOptions { Maximize = true, Patience = 1, Factor = 0.5, Threshold = 0.1, RelativeThreshold = false, MinLearningRate = 0.3 });
        double[] accuracy = [0.5, 0.55, 0.58, 0.7, 0.7, 0.7, 0.7, 0.7];
        var lrs = new List<double>();
        foreach (double a in accuracy)
        {
            plateau.Step(a);
            lrs.Add(opt.LearningRate);
        }

        Assert.Equal([1, 1, 0.5, 0.5, 0.5, 0.3, 0.3, 0.3], lrs);
        Assert.Equal(0.7, plateau.Best);
    }
}
