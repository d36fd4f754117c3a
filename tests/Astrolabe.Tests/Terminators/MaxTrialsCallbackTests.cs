using Astrolabe.Testing.Sqlite;

namespace Astrolabe.Tests.Terminators;

public sealed class MaxTrialsCallbackTests
{
    private static Study NewStudy(IStorage storage, string name) => Study.Create(new StudyOptions
    {
        StudyName = name, Storage = storage, LoadIfExists = true, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }),
    });

    private static double Objective(Trial t) => t.SuggestFloat("x", -1, 1);

    [Fact]
    public void StopsARunWithoutBudgetAtTheCount()
    {
        var study = NewStudy(new InMemoryStorage(), "s");
        study.Optimize(Objective, callback: new MaxTrialsCallback(7).Invoke);
        Assert.Equal(7, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void CountsTheTrialsOfOtherProcessesThroughTheStorage()
    {
        using var db = new TempDatabase();

        // "Another process": its own storage object on the same file, 6 trials, no callback.
        NewStudy(new SqliteStorage(db.Path), "shared").Optimize(Objective, nTrials: 6);

        // This one may run only the 4 trials that make 10 in the study.
        var study = NewStudy(new SqliteStorage(db.Path), "shared");
        study.Optimize(Objective, callback: new MaxTrialsCallback(10).Invoke);
        Assert.Equal(10, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void ParallelWorkersOfTwoStudyObjectsStopTogether()
    {
        using var db = new TempDatabase();
        var studies = new[] { NewStudy(new SqliteStorage(db.Path), "shared"), NewStudy(new SqliteStorage(db.Path), "shared") };
        var callback = new MaxTrialsCallback(20);
        Parallel.ForEach(studies, new ParallelOptions { MaxDegreeOfParallelism = 2 }, study =>
            study.Optimize(Objective, new OptimizeOptions { Parallelism = 2, Callback = callback.Invoke }));

        // Four workers: when the 20th trial is stored, each of the three others may still finish (or start) one trial.
        Assert.InRange(studies[0].GetTrials(TrialState.Complete).Count, 20, 23);
    }

    [Fact]
    public void CountsOnlyTheChosenStates()
    {
        var study = NewStudy(new InMemoryStorage(), "s");

        // Even trials fail (caught); only Complete ones count by default.
        study.Optimize(
            t => t.Number % 2 == 0 ? throw new InvalidDataException("odd batch") : Objective(t),
            new OptimizeOptions { Catch = [typeof(InvalidDataException)], Callback = new MaxTrialsCallback(3).Invoke });
        Assert.Equal(3, study.GetTrials(TrialState.Complete).Count);
        Assert.Equal(3, study.GetTrials(TrialState.Fail).Count);

        // Counting failed ones too: the 6 there already reach 4, so the next trial stops the run.
        study.Optimize(Objective, callback: new MaxTrialsCallback(4, TrialState.Complete, TrialState.Fail).Invoke);
        Assert.Equal(7, study.Trials.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ANonPositiveCountIsRefused(int n)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxTrialsCallback(n));
        Assert.Contains("must be positive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsToCompleteTrials() => Assert.Equal([TrialState.Complete], new MaxTrialsCallback(5).States);
}
