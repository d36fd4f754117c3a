namespace Astrolabe.Tests.Pruners;

/// <summary>Invalid options are refused once, at construction, with a message naming the pruner and the option.</summary>
public sealed class PrunerOptionsTests
{
    public static TheoryData<string, Func<Pruner>> Invalid => new()
    {
        { "MedianPruner: NStartupTrials cannot be negative", () => new MedianPruner(new MedianPrunerOptions { NStartupTrials = -1 }) },
        { "MedianPruner: NWarmupSteps cannot be negative", () => new MedianPruner(new MedianPrunerOptions { NWarmupSteps = -1 }) },
        { "MedianPruner: IntervalSteps must be at least 1", () => new MedianPruner(new MedianPrunerOptions { IntervalSteps = 0 }) },
        { "MedianPruner: NMinTrials must be at least 1", () => new MedianPruner(new MedianPrunerOptions { NMinTrials = 0 }) },
        { "PercentilePruner: Percentile must be between 0 and 100", () => new PercentilePruner(new PercentilePrunerOptions { Percentile = 120 }) },
        { "PercentilePruner: Percentile must be between 0 and 100", () => new PercentilePruner(new PercentilePrunerOptions { Percentile = double.NaN }) },
        { "ThresholdPruner: give Lower, Upper or both", () => new ThresholdPruner(new ThresholdPrunerOptions()) },
        { "ThresholdPruner: Lower (2) must not exceed Upper (1)", () => new ThresholdPruner(new ThresholdPrunerOptions { Lower = 2, Upper = 1 }) },
        { "ThresholdPruner: Upper cannot be NaN", () => new ThresholdPruner(new ThresholdPrunerOptions { Upper = double.NaN }) },
        { "ThresholdPruner: IntervalSteps must be at least 1", () => new ThresholdPruner(new ThresholdPrunerOptions { Upper = 1, IntervalSteps = 0 }) },
        { "PatientPruner: Patience cannot be negative", () => new PatientPruner(new PatientPrunerOptions { Patience = -1 }) },
        { "PatientPruner: MinDelta must be a number ≥ 0", () => new PatientPruner(new PatientPrunerOptions { Patience = 1, MinDelta = -0.1 }) },
        { "SuccessiveHalvingPruner: MinResource must be at least 1, or null for auto", () => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 0 }) },
        { "SuccessiveHalvingPruner: ReductionFactor must be at least 2", () => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { ReductionFactor = 1 }) },
        { "SuccessiveHalvingPruner: MinEarlyStoppingRate cannot be negative", () => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinEarlyStoppingRate = -1 }) },
        { "SuccessiveHalvingPruner: BootstrapCount cannot be negative", () => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, BootstrapCount = -1 }) },
        { "SuccessiveHalvingPruner: BootstrapCount > 0 needs an explicit MinResource", () => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { BootstrapCount = 1 }) },
        { "HyperbandPruner: MinResource must be at least 1", () => new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 0 }) },
        { "HyperbandPruner: MaxResource must be at least MinResource (5)", () => new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 5, MaxResource = 4 }) },
        { "HyperbandPruner: ReductionFactor must be at least 2", () => new HyperbandPruner(new HyperbandPrunerOptions { ReductionFactor = 1 }) },
        { "HyperbandPruner: BootstrapCount > 0 needs an explicit MaxResource", () => new HyperbandPruner(new HyperbandPrunerOptions { BootstrapCount = 2 }) },
        { "WilcoxonPruner: PThreshold must be between 0 and 1", () => new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.5 }) },
        { "WilcoxonPruner: NStartupSteps cannot be negative", () => new WilcoxonPruner(new WilcoxonPrunerOptions { NStartupSteps = -1 }) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidOptionsAreRefusedWithAClearMessage(string message, Func<Pruner> create)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreOptunas()
    {
        // MedianPruner() waits for 5 Complete trials, as Optuna's does.
        var study = Curves.NewStudy();
        for (int i = 0; i < 4; i++)
        {
            Curves.Complete(study, 1, 1);
        }

        var pruner = new MedianPruner();
        Assert.False(Curves.Decide(pruner, study, Curves.Running(study, 5, 5)));
        Curves.Complete(study, 1, 1);
        Assert.True(Curves.Decide(pruner, study, Curves.Running(study, 5, 5)));
        Assert.Equal(4, new SuccessiveHalvingPrunerOptions().ReductionFactor);
        Assert.Equal(3, new HyperbandPrunerOptions().ReductionFactor);
        Assert.Equal(0.1, new WilcoxonPrunerOptions().PThreshold);
    }
}
