namespace Astrolabe.Tests.Pruners.Pareto;

public sealed class ParetoPrunerTests
{
    /// <summary>A two-objective study (minimise both) whose first trials each reported one vector at step 1 and completed.</summary>
    private static Study WithHistory(ParetoPrunerOptions options, params double[][] reported)
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Pruner = new ParetoPruner(options) });
        foreach (var values in reported)
        {
            var trial = study.Ask();
            trial.Report(values, 1);
            study.Tell(trial, values);
        }

        return study;
    }

    private static readonly double[][] Six = [[1, 1], [2, 2], [3, 3], [1, 5], [5, 1], [4, 4]];

    [Theory]
    [InlineData(3.5, 3.5, 0.5, true)]   // dominated by [1,1], [2,2], [3,3]: 3 of 6
    [InlineData(2.5, 2.5, 0.5, false)]  // dominated by [1,1], [2,2]: 2 of 6
    [InlineData(2.5, 2.5, 0.3, true)]   // 2 of 6 ≥ 0.3
    [InlineData(0.5, 9.0, 0.1, false)]  // on the front: no one dominates it
    public void PrunesATrialDominatedByTheChosenShareOfTheTrialsAtItsStep(double a, double b, double fraction, bool pruned)
    {
        var study = WithHistory(new ParetoPrunerOptions { DominatedFraction = fraction }, Six);
        var trial = study.Ask();
        trial.Report([a, b], 1);
        Assert.Equal(pruned, trial.ShouldPrune());
    }

    [Fact]
    public void FollowsTheStudysDirections()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize, StudyDirection.Minimize], Pruner = new ParetoPruner(new() { NStartupTrials = 1 }) });
        var first = study.Ask();
        first.Report([0.9, 10], 1);
        study.Tell(first, [0.9, 10]);
        var worse = study.Ask();
        worse.Report([0.8, 11], 1);
        Assert.True(worse.ShouldPrune());
        var better = study.Ask();
        better.Report([0.95, 11], 1);
        Assert.False(better.ShouldPrune());
    }

    [Fact]
    public void WaitsForStartupTrialsWarmUpAndTrialsAtTheStep()
    {
        Assert.False(Probe(new ParetoPrunerOptions { NStartupTrials = 7 }, step: 1));
        Assert.False(Probe(new ParetoPrunerOptions { NWarmupSteps = 2 }, step: 1));
        Assert.False(Probe(new ParetoPrunerOptions(), step: 2)); // nobody reported step 2
        Assert.True(Probe(new ParetoPrunerOptions(), step: 1));

        static bool Probe(ParetoPrunerOptions options, long step)
        {
            var study = WithHistory(options, Six);
            var trial = study.Ask();
            trial.Report([9.0, 9.0], step);
            return trial.ShouldPrune();
        }
    }

    [Fact]
    public void PrunesInsideOptimize()
    {
        var study = WithHistory(new ParetoPrunerOptions(), Six);
        study.Optimize(t =>
        {
            for (int step = 1; step <= 3; step++)
            {
                t.Report([9.0, 9.0], step);
                if (t.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return [9.0, 9.0];
        }, nTrials: 1);
        var last = study.Trials[^1];
        Assert.Equal(TrialState.Pruned, last.State);
        Assert.Equal([1L], last.IntermediateVectors.Keys);
    }

    [Fact]
    public void BadInputIsAClearError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoPruner(new() { DominatedFraction = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoPruner(new() { NMinTrials = 0 }));
        var study = WithHistory(new ParetoPrunerOptions(), Six);
        var trial = study.Ask();
        Assert.Contains("reported 1 intermediate values; the study has 2", Assert.Throws<ArgumentException>(() => trial.Report([1.0], 1)).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => trial.Report([1.0, double.NaN], 1)).Message, StringComparison.Ordinal);

        var median = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Pruner = new MedianPruner() });
        var e = Assert.Throws<InvalidOperationException>(() => median.Ask().ShouldPrune());
        Assert.Contains("ParetoPruner", e.Message, StringComparison.Ordinal);
    }
}
