namespace Astrolabe.Tests.Studies;

public sealed class ConstraintsTests
{
    /// <summary>A study whose trials have value x and one constraint x − limit (feasible when x ≤ limit).</summary>
    private static Study Constrained(IStorage storage, double limit, params double[] xs)
    {
        var study = Study.Create(new StudyOptions { Storage = storage });
        foreach (double x in xs)
        {
            var trial = study.Ask();
            trial.SetConstraints([x - limit]);
            study.Tell(trial, x);
        }

        return study;
    }

    [Fact]
    public void TheBestTrialIsTheBestFeasibleOne()
    {
        // Minimising x with x ≤ 3 required... inverted: maximise by minimising −x is not needed; the infeasible 1 and 2
        // would be best without the constraint x ≥ 2.5 (written 2.5 − x ≤ 0).
        var study = Study.Create();
        foreach (double x in new[] { 5.0, 1.0, 4.0, 2.0, 3.0 })
        {
            var trial = study.Ask();
            trial.SetConstraints([2.5 - x]);
            study.Tell(trial, x);
        }

        Assert.Equal(3.0, study.BestValue);
        Assert.Equal(4, study.BestTrial.Number);
        Assert.False(study.Trials[1].IsFeasible);
        Assert.Equal([1.5], study.Trials[1].Constraints);
        Assert.True(study.Trials[0].IsFeasible);
    }

    [Fact]
    public void AStudyWithoutConstraintsIsAllFeasible()
    {
        var study = Study.Create();
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 3);
        Assert.All(study.Trials, t => Assert.True(t.IsFeasible && t.Constraints is null));
    }

    [Fact]
    public void NoFeasibleTrialIsAClearError()
    {
        var study = Constrained(new InMemoryStorage(), limit: 0, 1, 2);
        var e = Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Contains("No Complete trial is feasible", e.Message, StringComparison.Ordinal);
        Assert.Empty(study.BestTrials);
    }

    [Fact]
    public void TheParetoFrontHoldsFeasibleTrialsOnly()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        foreach (var (a, b, c) in new[] { (1.0, 4.0, 0.0), (4.0, 1.0, 0.0), (0.5, 0.5, 1.0), (2.0, 2.0, -1.0), (3.0, 3.0, 0.0) })
        {
            var trial = study.Ask();
            trial.SetConstraints([c]);
            study.Tell(trial, [a, b]);
        }

        // Trial 2 dominates everything but violates its constraint: the front is the feasible non-dominated ones.
        Assert.Equal([0, 1, 3], study.BestTrials.Select(t => t.Number));
        Assert.Equal([2], ParetoFront.Of(study.GetTrials(TrialState.Complete), study.Directions).Select(t => t.Number));
    }

    [Fact]
    public void BadConstraintValuesAreClearErrorsAndStoreNothing()
    {
        var study = Study.Create();
        var first = study.Ask();
        first.SetConstraints([0.0, 1.0]);
        study.Tell(first, 1.0);
        var trial = study.Ask();
        Assert.Contains("cannot be NaN", Assert.Throws<InvalidOperationException>(() => trial.SetConstraints([double.NaN, 0])).Message, StringComparison.Ordinal);
        Assert.Contains("no constraint values", Assert.Throws<InvalidOperationException>(() => trial.SetConstraints([])).Message, StringComparison.Ordinal);
        var e = Assert.Throws<InvalidOperationException>(() => trial.SetConstraints([0.0]));
        Assert.Contains("got 1 constraint values; the study's earlier trials had 2", e.Message, StringComparison.Ordinal);
        Assert.Null(study.Storage.GetTrial(trial.TrialId).Constraints);
        trial.SetConstraints([-1.0, -2.0]);
        study.Tell(trial, 2.0);
        Assert.Equal(1, study.BestTrial.Number);
    }

    [Fact]
    public void ASamplersConstraintsFunctionIsHeldToTheSameCount()
    {
        int calls = 0;
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, ConstraintsFunc = _ => ++calls == 1 ? [0.0] : [0.0, 0.0] }),
        });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 1);
        var e = Assert.ThrowsAny<Exception>(() => study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 1));
        Assert.Contains("the study's earlier trials had 1", e.ToString(), StringComparison.Ordinal);
    }
}
