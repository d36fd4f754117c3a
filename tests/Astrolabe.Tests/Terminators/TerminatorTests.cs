namespace Astrolabe.Tests.Terminators;

public sealed class TerminatorTests
{
    private static Study StudyOf(IEnumerable<double> xs)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        foreach (double x in xs)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = x });
        }

        return study;
    }

    private static TerminatorCallback Callback(double error) => new(new Terminator(new TerminatorOptions
    {
        ImprovementEvaluator = new RegretBoundEvaluator(seed: 0),
        ErrorEvaluator = new StaticErrorEvaluator(error),
    }));

    [Fact]
    public void StopsAStudyWhoseObjectiveHasPlateaued()
    {
        // A smooth bowl sampled evenly: after a few dozen trials nothing in [0, 1] can beat the best by 0.001.
        var study = StudyOf(TerminatorTrials.VanDerCorput(200));
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", 0, 1) - 0.3, 2), nTrials: 200, callback: Callback(1e-3).Invoke);
        Assert.InRange(study.GetTrials(TrialState.Complete).Count, 20, 60);
    }

    [Fact]
    public void DoesNotStopAStudyThatIsStillImprovingQuickly()
    {
        // Each trial goes further along a slope and improves the best by 0.5: the model sees room beyond.
        var study = StudyOf(Enumerable.Range(0, 40).Select(i => i / 100.0));
        study.Optimize(t => -50 * t.SuggestFloat("x", 0, 1), nTrials: 40, callback: Callback(1e-3).Invoke);
        Assert.Equal(40, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void JudgesOnlyFromMinNTrialsCompleteTrials()
    {
        int calls = 0;
        var terminator = new Terminator(new TerminatorOptions
        {
            ImprovementEvaluator = new FakeImprovement(_ => ++calls),
            ErrorEvaluator = new StaticErrorEvaluator(double.MaxValue),
            MinNTrials = 5,
        });
        var study = StudyOf([]);
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 100, callback: new TerminatorCallback(terminator).Invoke);
        Assert.Equal(5, study.GetTrials(TrialState.Complete).Count);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void DefaultsAreOptunas()
    {
        var terminator = new Terminator();
        Assert.IsType<RegretBoundEvaluator>(terminator.ImprovementEvaluator);
        Assert.IsType<CrossValidationErrorEvaluator>(terminator.ErrorEvaluator);
        Assert.Equal(20, terminator.MinNTrials);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AMinimumBelowOneIsRefused(int minimum)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Terminator(new TerminatorOptions { MinNTrials = minimum }));
        Assert.Contains("must be at least 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMultiObjectiveStudyIsAClearError()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var e = Assert.Throws<ArgumentException>(() => new Terminator().ShouldTerminate(study));
        Assert.StartsWith("The terminator supports single-objective studies only; this study has 2 objectives.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStudyWithOneCompleteTrialIsAClearErrorForTheRegretBound()
    {
        var study = StudyOf([0.5]);
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 1);
        var terminator = new Terminator(new TerminatorOptions { ErrorEvaluator = new StaticErrorEvaluator(0), MinNTrials = 1 });
        var e = Assert.Throws<ArgumentException>(() => terminator.ShouldTerminate(study));
        Assert.StartsWith("RegretBoundEvaluator needs at least 2 Complete trials; the study has 1.", e.Message, StringComparison.Ordinal);
    }
}
