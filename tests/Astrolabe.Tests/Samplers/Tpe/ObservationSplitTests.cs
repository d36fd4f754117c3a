namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class ObservationSplitTests
{
    private static Observation Make(double step, double value, double violation = 0) =>
        new(step, [value], violation, new FrozenTrial());

    [Fact]
    public void CompleteTrialsRankBeforePrunedOnesAndDeeperPrunedBeforeShallower()
    {
        var observations = new[]
        {
            Make(-3, 0.1),                      // pruned at step 3 with a very good value
            Make(double.NegativeInfinity, 5),   // complete
            Make(-9, 0.2),                      // pruned at step 9
            Make(double.NegativeInfinity, 4),   // complete
            Make(double.PositiveInfinity, double.PositiveInfinity), // running (constant liar)
        };
        Assert.Equal([1, 3], ObservationSplit.Split(observations, 2, false).Below);
        var (below, above) = ObservationSplit.Split(observations, 3, false);
        Assert.Equal([1, 2, 3], below);
        Assert.Equal([0, 4], above);
    }

    [Fact]
    public void WithSeveralObjectivesPrunedTrialsCountAfterEveryCompleteOneAndWeighNothing()
    {
        var directions = new[] { StudyDirection.Minimize, StudyDirection.Minimize };
        var pruned = Observation.From(new FrozenTrial { State = TrialState.Pruned }, directions, false)!;
        Assert.Equal(1, pruned.Step);
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], pruned.Values);
        Assert.Null(Observation.From(new FrozenTrial { State = TrialState.Running }, directions, false));

        var complete = double.NegativeInfinity;
        var observations = new[]
        {
            pruned,
            new Observation(complete, [1, 4], 0, new FrozenTrial()),
            pruned,
            new Observation(complete, [2, 2], 0, new FrozenTrial()),
            new Observation(complete, [5, 5], 0, new FrozenTrial()),
        };
        Assert.Equal([1, 3], ObservationSplit.Split(observations, 2, false).Below);
        var (below, above) = ObservationSplit.Split(observations, 4, false);
        Assert.Equal([0, 1, 3, 4], below);
        Assert.Equal([2], above);
        var weights = ObservationSplit.MultiObjectiveWeights(observations, below);
        Assert.Equal(1e-12, weights[0]);
        Assert.All(weights[1..3], w => Assert.True(w > 1e-6 && w <= 1, $"{w}"));   // the two on the front
        Assert.True(weights[3] < 1e-6);                                              // (5, 5): dominated, adds nothing
    }

    [Fact]
    public void ImprovementWeightsMeasureTheGainOverTheBestCompleteRestAndAverageOne()
    {
        var complete = double.NegativeInfinity;
        var observations = new[] { Make(complete, 1), Make(complete, 5), Make(complete, 3), Make(-2, 0.5), Make(complete, 2), Make(complete, 6), Make(complete, 2) };

        // Good: values 1, 3, 2 (positions 0, 2, 4); the rest's best complete value is 5 (the pruned 0.5 does not count).
        var weights = ObservationSplit.ImprovementWeights(observations, [0, 2, 4], [1, 3, 5]);
        Assert.NotNull(weights);
        Assert.Equal([4.0 / 3, 2.0 / 3, 1.0], weights!, (a, b) => Math.Abs(a - b) < 1e-12);

        // A good value equal to the threshold (2) keeps a tiny positive weight; the other takes the whole mean.
        var tied = ObservationSplit.ImprovementWeights(observations, [0, 4], [1, 6]);
        Assert.Equal([2.0, 1e-12], tied!);
    }

    [Fact]
    public void ImprovementWeightsFallBackWhenThereIsNothingToMeasure()
    {
        var complete = double.NegativeInfinity;
        var observations = new[] { Make(complete, 1), Make(-3, 0.2), Make(complete, 1), Make(double.PositiveInfinity, double.PositiveInfinity) };
        Assert.Null(ObservationSplit.ImprovementWeights(observations, [0, 1], [2]));    // a pruned trial among the good
        Assert.Null(ObservationSplit.ImprovementWeights(observations, [0], [1, 3]));    // no complete trial in the rest
        Assert.Null(ObservationSplit.ImprovementWeights(observations, [0], [2]));       // nothing improves on the threshold
        Assert.Null(ObservationSplit.ImprovementWeights(observations, [], [0, 2]));
    }

    [Fact]
    public void FeasibleTrialsComeFirstAndInfeasibleOnesFillInOnlyWhenNeeded()
    {
        var observations = new[] { Make(double.NegativeInfinity, 0, 2), Make(double.NegativeInfinity, 9), Make(double.NegativeInfinity, 3), Make(double.NegativeInfinity, 1, 0.5) };
        Assert.Equal([2], ObservationSplit.Split(observations, 1, true).Below);
        Assert.Equal([1, 2, 3], ObservationSplit.Split(observations, 3, true).Below);
    }

    [Fact]
    public void SeveralObjectivesSplitByRankThenHypervolume()
    {
        Observation M(double a, double b) => new(double.NegativeInfinity, [a, b], 0, new FrozenTrial());
        var observations = new[] { M(1, 5), M(5, 1), M(3, 3), M(2, 4.9), M(6, 6), M(4.9, 2) };
        var ranks = ObservationSplit.NondominationRanks(observations.Select(o => o.Values).ToArray());
        Assert.Equal([0, 0, 0, 0, 1, 0], ranks);
        var (below, above) = ObservationSplit.Split(observations, 2, false);
        Assert.Equal(2, below.Length);
        Assert.DoesNotContain(4, below);
        Assert.Equal(6, below.Length + above.Length);
    }

    [Fact]
    public void HypervolumeOfAStaircaseIsItsArea()
    {
        double[][] points = [[1, 3], [2, 2], [3, 1]];
        Assert.Equal(6.0, Hypervolume.Compute(points, [4, 4]), 1e-12);
        Assert.Equal(4.0 + 2.0 - 1.0, Hypervolume.Compute([[0, 0, 1], [1, 1, 0]], [2, 2, 2]), 1e-12);
        Assert.Equal([1], HypervolumeSelection.GreedySubset(points, 1, [4, 4]));
    }
}
