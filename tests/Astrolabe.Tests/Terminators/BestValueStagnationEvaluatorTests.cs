namespace Astrolabe.Tests.Terminators;

public sealed class BestValueStagnationEvaluatorTests
{
    private static List<FrozenTrial> Trials(params double[] values) =>
        [.. values.Select((v, i) => TerminatorTrials.Complete(i, v, new Dictionary<string, double> { ["x"] = 0.5 }))];

    [Fact]
    public void CountsTheTrialsLeftSinceTheLastNewBest()
    {
        // Minimising: the 3rd trial (value 1) is the last new best; 2 trials since, so 5 − 2 are left.
        var evaluator = new BestValueStagnationEvaluator(maxStagnationTrials: 5);
        Assert.Equal(3, evaluator.Evaluate(Trials(3, 2, 1, 1, 4), StudyDirection.Minimize));

        // Maximising the same values: 4 (the 5th) is the last new best; a tie never counts as one.
        Assert.Equal(5, evaluator.Evaluate(Trials(3, 2, 1, 1, 4), StudyDirection.Maximize));
        Assert.Equal(1, evaluator.Evaluate(Trials(4, 4, 4, 4, 4), StudyDirection.Maximize));
    }

    [Fact]
    public void IgnoresTrialsThatAreNotCompleteAndOrdersByNumber()
    {
        var trials = Trials(5, 1, 3);
        trials.Add(TerminatorTrials.Complete(3, 0, new Dictionary<string, double> { ["x"] = 0.5 }) with { State = TrialState.Pruned, Values = null });
        trials.Reverse();
        Assert.Equal(29, new BestValueStagnationEvaluator().Evaluate(trials, StudyDirection.Minimize));
    }

    [Fact]
    public void StopsAStudyAfterMoreThanTheAllowanceWithoutANewBest()
    {
        // The terminator pairs it with a static error of 0 by itself, as Optuna does.
        var terminator = new Terminator(new TerminatorOptions { ImprovementEvaluator = new BestValueStagnationEvaluator(10), MinNTrials = 1 });
        Assert.Equal(0.0, Assert.IsType<StaticErrorEvaluator>(terminator.ErrorEvaluator).Constant);
        var study = Study.Create();
        int n = 0;
        study.Optimize(_ => n++ < 7 ? 10.0 - n : 100.0, nTrials: 100, callback: new TerminatorCallback(terminator).Invoke);

        // The 7th trial is the last new best; the study stops after the 18th, the 11th without one.
        Assert.Equal(18, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BestValueStagnationEvaluator(-1));
        var evaluator = new BestValueStagnationEvaluator();
        Assert.Contains("at least one Complete trial", Assert.Throws<ArgumentException>(() => evaluator.Evaluate([], StudyDirection.Minimize)).Message, StringComparison.Ordinal);
        Assert.Contains("no single finite", Assert.Throws<ArgumentException>(() => evaluator.Evaluate(Trials(1, double.NaN), StudyDirection.Minimize)).Message, StringComparison.Ordinal);
    }
}
