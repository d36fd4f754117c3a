namespace Astrolabe.Tests.Terminators;

public sealed class ErrorEvaluatorTests
{
    private static Dictionary<string, object?> Scores(params double[] scores) =>
        new() { [CrossValidationErrorEvaluator.ScoresKey] = scores.Select(s => (object?)s).ToList() };

    [Fact]
    public void StaticErrorIsItsConstant()
    {
        Assert.Equal(0.25, new StaticErrorEvaluator(0.25).Evaluate([], StudyDirection.Minimize));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaticErrorEvaluator(double.NaN));
    }

    [Fact]
    public void CrossValidationErrorIsTheCorrectedDeviationOfTheBestTrialsScores()
    {
        // Scores 1, 2, 3, 4: variance 1.25 (over k = 4), factor 1/4 + 1/3 → √(0.7291666…) = 0.8539125638…
        var trials = new List<FrozenTrial>
        {
            TerminatorTrials.Complete(0, 2.5, new() { ["x"] = 0.1 }, Scores(1, 2, 3, 4)),
            TerminatorTrials.Complete(1, 9.0, new() { ["x"] = 0.2 }, Scores(0, 18)),
        };
        var evaluator = new CrossValidationErrorEvaluator();
        Assert.Equal(0.85391256382996653, evaluator.Evaluate(trials, StudyDirection.Minimize), 12);

        // Maximising, trial 1 is the best: scores 0, 18, variance 81, factor 1/2 + 1 → √121.5.
        Assert.Equal(Math.Sqrt(121.5), evaluator.Evaluate(trials, StudyDirection.Maximize), 12);
    }

    [Fact]
    public void ReportedScoresRoundTripThroughTheStorage()
    {
        var study = Study.Create();
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        CrossValidationErrorEvaluator.ReportCrossValidationScores(trial, [0.9, 0.8, 1.0]);
        study.Tell(trial, 0.9);

        // Scores 0.9, 0.8, 1.0: variance 0.02 / 3, factor 1/3 + 1/2.
        Assert.Equal(Math.Sqrt(0.02 / 3 * (5.0 / 6)), new CrossValidationErrorEvaluator().Evaluate(study.Trials, StudyDirection.Maximize), 12);
    }

    [Fact]
    public void MissingScoresAreAClearError()
    {
        var trials = new[] { TerminatorTrials.Complete(0, 1, new() { ["x"] = 0.1 }) };
        var e = Assert.Throws<ArgumentException>(() => new CrossValidationErrorEvaluator().Evaluate(trials, StudyDirection.Minimize));
        Assert.StartsWith("The best trial (0) has no cross-validation scores: call CrossValidationErrorEvaluator.ReportCrossValidationScores", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CrossValidationErrorEvaluator().Evaluate([], StudyDirection.Minimize));
    }

    [Fact]
    public void FewerThanTwoScoresOrANonFiniteOneAreRefused()
    {
        var study = Study.Create();
        var trial = study.Ask();
        var e = Assert.Throws<ArgumentException>(() => CrossValidationErrorEvaluator.ReportCrossValidationScores(trial, [0.5]));
        Assert.StartsWith("Cross-validation needs at least 2 scores; got 1.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CrossValidationErrorEvaluator.ReportCrossValidationScores(trial, [0.5, double.NaN]));
        Assert.Empty(study.Storage.GetTrial(trial.TrialId).SystemAttrs);
    }

    [Fact]
    public void MedianErrorIsTheRatioTimesTheMedianOfTheEarlyImprovements()
    {
        // The paired evaluator returns 100 / (number of the slice's first trial + its length): warm-up 2, 5 initial.
        var seen = new List<(int First, int Count)>();
        var paired = new FakeImprovement(trials =>
        {
            seen.Add((trials[0].Number, trials.Count));
            return 100.0 / trials.Count;
        });
        var median = new MedianErrorEvaluator(paired, warmUpTrials: 2, nInitialTrials: 5, thresholdRatio: 0.01);
        var trials = TerminatorTrials.OneDimensional(TerminatorTrials.VanDerCorput(7), x => x);
        Assert.Equal(-double.MaxValue, median.Evaluate(trials[..6], StudyDirection.Minimize));
        Assert.Empty(seen);

        // Slices of 2, 3, 4, 5 trials from trial 2: 50, 33.3, 25, 20; the median (upper) 33.3 × 0.01.
        Assert.Equal(100.0 / 3 * 0.01, median.Evaluate(trials, StudyDirection.Minimize), 12);
        Assert.Equal([(2, 2), (2, 3), (2, 4), (2, 5)], seen);

        // Kept once computed.
        Assert.Equal(100.0 / 3 * 0.01, median.Evaluate(trials[..1], StudyDirection.Minimize), 12);
        Assert.Equal(4, seen.Count);
    }

    [Theory]
    [InlineData(-1, 20, 0.01)]
    [InlineData(10, 1, 0.01)]
    [InlineData(10, 20, 0.0)]
    [InlineData(10, 20, double.PositiveInfinity)]
    public void BadMedianOptionsAreRefused(int warmUp, int initial, double ratio) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MedianErrorEvaluator(new FakeImprovement(_ => 1), warmUp, initial, ratio));
}

/// <summary>An improvement evaluator with a given function.</summary>
internal sealed class FakeImprovement(Func<IReadOnlyList<FrozenTrial>, double> evaluate) : IImprovementEvaluator
{
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction) =>
        evaluate([.. trials.Where(t => t.State == TrialState.Complete)]);
}
