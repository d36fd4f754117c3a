namespace Astrolabe.Tests.Pruners;

/// <summary>Patience 2: the last three values are compared with the best of the values before them.</summary>
public sealed class PatientPrunerTests
{
    private static bool Decide(PatientPrunerOptions options, StudyDirection direction, params double[] curve)
    {
        var study = Curves.NewStudy(direction);
        return Curves.Decide(new PatientPruner(options), study, Curves.Running(study, curve));
    }

    [Fact]
    public void ATrialThatStoppedImprovingIsPruned()
    {
        var options = new PatientPrunerOptions { Patience = 2 };

        // Before [5] best 5, recent [4, 4.5, 4.2] best 4: improving, kept.
        Assert.False(Decide(options, StudyDirection.Minimize, 5, 4, 4.5, 4.2));

        // Before [5, 4] best 4, recent [4.5, 4.2, 4.1] best 4.1: no improvement in 3 steps, pruned.
        Assert.True(Decide(options, StudyDirection.Minimize, 5, 4, 4.5, 4.2, 4.1));

        // The same curve negated while maximising.
        Assert.True(Decide(options, StudyDirection.Maximize, -5, -4, -4.5, -4.2, -4.1));
        Assert.False(Decide(options, StudyDirection.Maximize, 4, 5, 4.5, 4.2, 5.1)); // 5.1 beats the earlier best 5
    }

    [Fact]
    public void TooFewStepsAreNeverJudged() =>
        Assert.False(Decide(new PatientPrunerOptions { Patience = 2 }, StudyDirection.Minimize, 5, 6, 7));

    [Fact]
    public void MinDeltaToleratesASmallSetback()
    {
        // 4 + 0.2 < 4.1 is false: within the tolerance, kept; with no tolerance 4 < 4.1 prunes.
        Assert.False(Decide(new PatientPrunerOptions { Patience = 2, MinDelta = 0.2 }, StudyDirection.Minimize, 5, 4, 4.5, 4.2, 4.1));
        Assert.True(Decide(new PatientPrunerOptions { Patience = 2, MinDelta = 0.05 }, StudyDirection.Minimize, 5, 4, 4.5, 4.2, 4.1));
    }

    [Fact]
    public void AWrappedPrunerHasTheLastWord()
    {
        var lenient = new ThresholdPruner(new ThresholdPrunerOptions { Upper = 100 });
        var strict = new ThresholdPruner(new ThresholdPrunerOptions { Upper = 4.05 });
        Assert.False(Decide(new PatientPrunerOptions { Patience = 2, WrappedPruner = lenient }, StudyDirection.Minimize, 5, 4, 4.5, 4.2, 4.1));
        Assert.True(Decide(new PatientPrunerOptions { Patience = 2, WrappedPruner = strict }, StudyDirection.Minimize, 5, 4, 4.5, 4.2, 4.1));

        // While the trial improves (3.9 < 4) the wrapped pruner, which would prune anything above 0, is not asked.
        var always = new ThresholdPruner(new ThresholdPrunerOptions { Upper = 0 });
        Assert.False(Decide(new PatientPrunerOptions { Patience = 2, WrappedPruner = always }, StudyDirection.Minimize, 5, 4, 4.5, 4.2, 3.9));
    }
}
