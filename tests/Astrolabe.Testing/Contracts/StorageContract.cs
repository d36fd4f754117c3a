using Astrolabe.Testing.Storages;

namespace Astrolabe.Testing.Contracts;

/// <summary>
/// The behaviour every <see cref="IStorage"/> guarantees. A storage joins by a kind in <see cref="TestStorages"/>.
/// Every case starts from an empty database of its own (<see cref="TestStorage.OpenNew"/>).
/// </summary>
public sealed class StorageContract(TestStorage storages)
{
    private static readonly StudyDirection[] Min = [StudyDirection.Minimize];

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyList<ContractCase<StorageContract>> Cases { get; } = ContractCase.Of<StorageContract>();

    private IStorage CreateStorage() => storages.OpenNew();

    /// <summary>
    /// Another storage object on the same data with nothing read yet, as a second process would open it; a
    /// storage that keeps its data in its own object returns itself.
    /// </summary>
    private IStorage Reopen(IStorage storage) => storages.Reopen(storage);

    [ContractCase]
    private void ABudgetStopsEveryWorkerWithinOneTrialOfItsLimit()
    {
        // Two processes' worth of workers (two storage objects, two threads each) on one study, each trial recording
        // 100 FLOPs: the budget of 1,000 is reached after the 10th trial; the workers still running then may each
        // finish one trial more, and no worker starts another.
        const int Workers = 4;
        var storage = CreateStorage();
        var first = Study.Create(new StudyOptions { StudyName = "budget", Storage = storage });
        var second = Study.Load("budget", Reopen(storage));
        var options = new OptimizeOptions { Parallelism = 2, Budget = new StudyBudget { Flops = 1000 } };
        double Objective(Trial t)
        {
            t.SetSystemAttr(TrialCost.FlopsKey, 100);
            return t.SuggestFloat("x", 0, 1);
        }

        Parallel.Invoke(() => first.Optimize(Objective, options), () => second.Optimize(Objective, options));
        var trials = Reopen(storage).GetAllTrials(first.StudyId);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.InRange(trials.Count, 10, 10 + Workers - 1);
        Assert.All(trials, t => Assert.NotNull(TrialCost.Of(t)));
    }

    [ContractCase]
    private void ReportingAndAskingThePrunerStepAfterStepCopiesNoHistory()
    {
        // ShouldPrune reads the trial after every report. Copying or re-reading its whole history each time
        // allocates O(steps²) (about 1 GB here); on SQLite 20,000 steps took 110 s.
        const int Steps = 5000;
        var storage = CreateStorage();
        var study = Study.Create(new StudyOptions { StudyName = "pruned", Storage = storage });
        var trial = study.Ask();
        trial.Report(0, 0);
        Assert.False(trial.ShouldPrune());
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 1; step < Steps; step++)
        {
            trial.Report(step, step);
            Assert.False(trial.ShouldPrune());
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Steps * 16_384L, $"{allocated / Steps} bytes allocated per report and read");
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => (double)i), storage.GetTrial(trial.TrialId).IntermediateValues.Values);
    }

    [ContractCase]
    private void StudiesAreCreatedFoundListedAndDeleted()
    {
        var s = CreateStorage();
        int a = s.CreateStudy("a", Min);
        int b = s.CreateStudy("b", [StudyDirection.Maximize, StudyDirection.Minimize]);
        Assert.Equal(a, s.GetStudyId("a"));
        Assert.Equal("b", s.GetStudyName(b));
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], s.GetStudyDirections(b));
        Assert.Equal(["a", "b"], s.GetAllStudies().Select(x => x.StudyName));
        s.DeleteStudy(a);
        Assert.Equal(["b"], s.GetAllStudies().Select(x => x.StudyName));
        var e = Assert.Throws<StudyNotFoundException>(() => s.GetStudyId("a"));
        Assert.Contains("No study named 'a'", e.Message, StringComparison.Ordinal);
    }

    [ContractCase]
    private void ADuplicateNameIsRefused()
    {
        var s = CreateStorage();
        s.CreateStudy("x", Min);
        var e = Assert.Throws<DuplicatedStudyException>(() => s.CreateStudy("x", Min));
        Assert.Contains("'x' already exists", e.Message, StringComparison.Ordinal);
    }

    [ContractCase]
    private void InvalidStudiesAreRefused()
    {
        var s = CreateStorage();
        Assert.Throws<ArgumentException>(() => s.CreateStudy(" ", Min));
        Assert.Contains("at least one direction", Assert.Throws<ArgumentException>(() => s.CreateStudy("y", [])).Message, StringComparison.Ordinal);
    }

    [ContractCase]
    private void ATrialRoundTripsEverything()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("rt", Min);
        var t = s.CreateTrial(study);
        Assert.Equal(0, t.Number);
        Assert.Equal(TrialState.Running, t.State);
        var cat = new CategoricalDistribution(["relu", 2, 2.5, true, null]);
        s.SetTrialParam(t.TrialId, "lr", 0.01, new FloatDistribution(1e-5, 1, log: true));
        s.SetTrialParam(t.TrialId, "act", 2, cat);
        s.SetTrialParam(t.TrialId, "n", 4, new IntDistribution(2, 8, step: 2));
        s.SetTrialIntermediateValue(t.TrialId, 0, 0.9);
        s.SetTrialIntermediateValue(t.TrialId, 3, double.NaN);
        s.SetTrialIntermediateValue(t.TrialId, 1, 0.5);
        s.SetTrialUserAttr(t.TrialId, "note", "hello");
        s.SetTrialUserAttr(t.TrialId, "list", new object?[] { 1L, 2.5, "x" });
        s.SetTrialSystemAttr(t.TrialId, "k", 7L);
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.25]));
        var r = s.GetTrial(t.TrialId);
        Assert.Equal(TrialState.Complete, r.State);
        Assert.Equal(0.25, r.Value);
        Assert.Equal(["lr", "act", "n"], r.Params.Keys);
        Assert.Equal(0.01, r.Params["lr"]);
        Assert.Equal(2.5, r.Params["act"]);
        Assert.Equal(4L, r.Params["n"]);
        Assert.Equal(cat, r.Distributions["act"]);
        Assert.Equal([0L, 1L, 3L], r.IntermediateValues.Keys);
        Assert.True(double.IsNaN(r.IntermediateValues[3]));
        Assert.Equal("hello", r.UserAttrs["note"]);
        Assert.Equal(new object?[] { 1L, 2.5, "x" }, ((IEnumerable<object?>)r.UserAttrs["list"]!).ToArray());
        Assert.Equal(7L, r.SystemAttrs["k"]);
        Assert.NotNull(r.DatetimeStart);
        Assert.NotNull(r.DatetimeComplete);
    }

    [ContractCase]
    private void AFinishedTrialNeverChangesAgain()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("fin", Min);
        var t = s.CreateTrial(study);
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Fail));
        Assert.False(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [1]));
        var e = Assert.Throws<InvalidOperationException>(() => s.SetTrialParam(t.TrialId, "x", 0.5, new FloatDistribution(0, 1)));
        Assert.Contains("already finished (Fail)", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => s.SetTrialIntermediateValue(t.TrialId, 1, 1));
        Assert.Throws<InvalidOperationException>(() => s.SetTrialUserAttr(t.TrialId, "a", 1));
        Assert.Equal(TrialState.Fail, s.GetTrial(t.TrialId).State);
    }

    [ContractCase]
    private void ValuesMustMatchTheDirections()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("v", [StudyDirection.Minimize, StudyDirection.Maximize]);
        var t = s.CreateTrial(study);
        var e = Assert.Throws<ArgumentException>(() => s.SetTrialStateValues(t.TrialId, TrialState.Complete, [1]));
        Assert.Contains("2 objective(s) but 1 value(s)", e.Message, StringComparison.Ordinal);
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [1, 2]));
        Assert.Equal([1.0, 2.0], s.GetTrial(t.TrialId).Values);
    }

    [ContractCase]
    private void WaitingTrialsAreClaimedOnceInOrder()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("w", Min);
        var fixedParams = new Dictionary<string, object?> { ["x"] = 1.5 };
        s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting, SystemAttrs = new Dictionary<string, object?> { ["fixed_params"] = fixedParams } });
        s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        var first = s.ClaimWaitingTrial(study);
        Assert.NotNull(first);
        Assert.Equal(0, first.Number);
        Assert.Equal(TrialState.Running, first.State);
        Assert.Equal(1.5, ((IReadOnlyDictionary<string, object?>)first.SystemAttrs["fixed_params"]!)["x"]);
        Assert.Equal(1, s.ClaimWaitingTrial(study)!.Number);
        Assert.Null(s.ClaimWaitingTrial(study));
    }

    [ContractCase]
    private void ClaimOrCreateTakesEveryWaitingTrialOnceBeforeCreatingNewOnes()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("coc", Min);
        for (int i = 0; i < 10; i++)
        {
            s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting, UserAttrs = new Dictionary<string, object?> { ["enqueued"] = i } });
        }

        var started = new System.Collections.Concurrent.ConcurrentBag<FrozenTrial>();
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 5; i++)
            {
                started.Add(s.ClaimOrCreateTrial(study));
            }
        });
        Assert.Equal(Enumerable.Range(0, 40), started.Select(t => t.Number).Order());
        Assert.All(started, t => Assert.Equal(TrialState.Running, t.State));
        Assert.All(started, t => Assert.Equal(t.Number < 10 ? $"{t.Number}" : "null", JsonValues.Serialize(t.UserAttrs.GetValueOrDefault("enqueued"))));
        Assert.Equal(0, s.GetTrialCount(study, [TrialState.Waiting]));
        var reopened = Reopen(s);
        TrialAssert.SameTrials(started.OrderBy(t => t.Number).ToList(), reopened.GetAllTrials(study));
        Assert.Throws<StudyNotFoundException>(() => s.ClaimOrCreateTrial(study + 1000));
    }

    [ContractCase]
    private void ARunningTrialReadsTheSameToItsWorkerAndToAnotherProcess()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("own", Min);
        var t = s.ClaimOrCreateTrial(study);
        s.SetTrialParam(t.TrialId, "z", 0.25, new FloatDistribution(0, 1));
        s.SetTrialParam(t.TrialId, "a", 1, new CategoricalDistribution(["x", null, 3]));
        s.SetTrialParam(t.TrialId, "z", 0.5, new FloatDistribution(0, 1));
        s.SetTrialIntermediateValue(t.TrialId, 3, 0.7);
        s.SetTrialIntermediateValue(t.TrialId, 1, 0.9);
        s.SetTrialUserAttr(t.TrialId, "list", new[] { 1, 2 });
        s.SetTrialUserAttr(t.TrialId, "map", new Dictionary<string, object?> { ["k"] = "v", ["n"] = 2.5 });
        s.SetTrialSystemAttr(t.TrialId, "generation", 4);
        var mine = s.GetTrial(t.TrialId);
        Assert.Equal(["z", "a"], mine.InternalParams.Keys);
        Assert.Equal([1L, 3L], mine.IntermediateValues.Keys);
        TrialAssert.SameTrials([mine], [Reopen(s).GetTrial(t.TrialId)]);

        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.7]));
        var done = s.GetTrial(t.TrialId);
        Assert.Equal((TrialState.Complete, 0.7), (done.State, done.Values![0]));
        Assert.NotNull(done.DatetimeComplete);
        TrialAssert.SameTrials([done], [Reopen(s).GetTrial(t.TrialId)]);
        Assert.Throws<InvalidOperationException>(() => s.SetTrialUserAttr(t.TrialId, "late", 1));
    }

    [ContractCase]
    private void ConcurrentClaimsAndCountersNeverCollide()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("c", Min);
        for (int i = 0; i < 40; i++)
        {
            s.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        }

        var claimed = new System.Collections.Concurrent.ConcurrentBag<int>();
        var counters = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 8, _ =>
        {
            while (s.ClaimWaitingTrial(study) is { } t)
            {
                claimed.Add(t.Number);
                counters.Add(s.NextCounterValue(study, "k"));
            }
        });
        Assert.Equal(Enumerable.Range(0, 40), claimed.Order());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), counters.Order());
    }

    [ContractCase]
    private void TheBestTrialFollowsTheDirection()
    {
        var s = CreateStorage();
        int min = s.CreateStudy("min", Min);
        int max = s.CreateStudy("max", [StudyDirection.Maximize]);
        Assert.Throws<InvalidOperationException>(() => s.GetBestTrial(min));
        foreach (double v in new[] { 3.0, -1.0, 2.0 })
        {
            s.SetTrialStateValues(s.CreateTrial(min).TrialId, TrialState.Complete, [v]);
            s.SetTrialStateValues(s.CreateTrial(max).TrialId, TrialState.Complete, [v]);
        }

        s.SetTrialStateValues(s.CreateTrial(min).TrialId, TrialState.Pruned, [-5]);
        Assert.Equal(-1, s.GetBestTrial(min).Value);
        Assert.Equal(3, s.GetBestTrial(max).Value);
        Assert.Equal([-1.0], s.GetAllStudies().Single(x => x.StudyName == "min").BestValues);
    }

    [ContractCase]
    private void TrialsAreListedInNumberOrderAndFilteredByState()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("list", Min);
        for (int i = 0; i < 5; i++)
        {
            var t = s.CreateTrial(study);
            if (i % 2 == 0)
            {
                s.SetTrialStateValues(t.TrialId, TrialState.Complete, [i]);
            }
        }

        Assert.Equal([0, 1, 2, 3, 4], s.GetAllTrials(study).Select(t => t.Number));
        Assert.Equal([0, 2, 4], s.GetAllTrials(study, [TrialState.Complete]).Select(t => t.Number));
        Assert.Equal(2, s.GetTrialCount(study, [TrialState.Running]));
        Assert.Equal(5, s.GetTrialCount(study));
    }

    [ContractCase]
    private void AStudyReadWholeHoldsExactlyWhatWasWritten()
    {
        StudyDirection[] two = [StudyDirection.Minimize, StudyDirection.Maximize];
        var s = CreateStorage();
        var expected = new InMemoryStorage();
        int study = s.CreateStudy("mixed", two), other = s.CreateStudy("other", Min);
        int expectedStudy = expected.CreateStudy("mixed", two), expectedOther = expected.CreateStudy("other", Min);
        MixedTrials.Write(s, study, other, 0, 450);
        MixedTrials.Write(expected, expectedStudy, expectedOther, 0, 450);

        var cold = Reopen(s);
        TrialAssert.SameTrials(expected.GetAllTrials(expectedStudy), cold.GetAllTrials(study));
        TrialAssert.SameTrials(expected.GetAllTrials(expectedOther), cold.GetAllTrials(other));
        TrialState[] some = [TrialState.Pruned, TrialState.Running, TrialState.Waiting];
        TrialAssert.SameTrials(expected.GetAllTrials(expectedStudy, some), cold.GetAllTrials(study, some));

        // A few more trials and a report on a running one: a reader that has seen the study reads the changes.
        MixedTrials.Write(s, study, other, 450, 457);
        MixedTrials.Write(expected, expectedStudy, expectedOther, 450, 457);
        s.SetTrialIntermediateValue(s.GetAllTrials(study).First(t => t.Number == 4).TrialId, 9, 0.75);
        expected.SetTrialIntermediateValue(expected.GetAllTrials(expectedStudy).First(t => t.Number == 4).TrialId, 9, 0.75);
        var all = cold.GetAllTrials(study);
        TrialAssert.SameTrials(expected.GetAllTrials(expectedStudy), all);
        Assert.All(all, t => Assert.Equal(t.Number, cold.GetTrial(t.TrialId).Number));
    }

    [ContractCase]
    private void AttributesOfStudiesRoundTrip()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("attrs", Min);
        s.SetStudyUserAttr(study, "dataset", "digits");
        s.SetStudyUserAttr(study, "dataset", "mnist");
        s.SetStudySystemAttr(study, "n", 3L);
        Assert.Equal("mnist", s.GetStudyUserAttrs(study)["dataset"]);
        Assert.Equal(3L, s.GetStudySystemAttrs(study)["n"]);
        var e = Assert.Throws<ArgumentException>(() => s.SetStudyUserAttr(study, "bad", new object()));
        Assert.Contains("cannot be stored", e.Message, StringComparison.Ordinal);
    }

    [ContractCase]
    private void ANaNObjectiveValueIsRefusedAndChangesNothing()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("nan", Min), two = s.CreateStudy("nan2", [StudyDirection.Minimize, StudyDirection.Maximize]);
        var t = s.CreateTrial(study);
        foreach (var state in new[] { TrialState.Complete, TrialState.Pruned, TrialState.Fail })
        {
            var e = Assert.Throws<ArgumentException>(() => s.SetTrialStateValues(t.TrialId, state, [double.NaN]));
            Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        }

        var u = s.CreateTrial(two);
        Assert.Throws<ArgumentException>(() => s.SetTrialStateValues(u.TrialId, TrialState.Complete, [1, double.NaN]));
        Assert.Throws<ArgumentException>(() => s.CreateTrial(study, new FrozenTrial { State = TrialState.Complete, Values = [double.NaN] }));
        var reopened = Reopen(s);
        Assert.Equal((TrialState.Running, null), (reopened.GetTrial(t.TrialId).State, reopened.GetTrial(t.TrialId).Values));
        Assert.Equal(TrialState.Running, reopened.GetTrial(u.TrialId).State);
        Assert.Equal(1, reopened.GetTrialCount(study));
        Assert.True(s.SetTrialStateValues(t.TrialId, TrialState.Complete, [0.5]));
    }

    [ContractCase]
    private void InfiniteObjectiveValuesAreKeptAndRanked()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("inf", Min), two = s.CreateStudy("inf2", [StudyDirection.Minimize, StudyDirection.Maximize]);
        foreach (double v in new[] { 1.0, double.PositiveInfinity, double.NegativeInfinity, -2.0 })
        {
            Assert.True(s.SetTrialStateValues(s.CreateTrial(study).TrialId, TrialState.Complete, [v]));
        }

        var added = s.CreateTrial(two, new FrozenTrial { State = TrialState.Complete, Values = [double.NegativeInfinity, double.PositiveInfinity] });
        var reopened = Reopen(s);
        Assert.Equal([1.0, double.PositiveInfinity, double.NegativeInfinity, -2.0], reopened.GetAllTrials(study).Select(t => t.Values![0]));
        Assert.Equal(2, reopened.GetBestTrial(study).Number);
        Assert.Equal([double.NegativeInfinity], reopened.GetAllStudies().Single(x => x.StudyName == "inf").BestValues);
        Assert.Equal([double.NegativeInfinity, double.PositiveInfinity], reopened.GetTrial(added.TrialId).Values);
    }

    [ContractCase]
    private void AnAddedTrialWithAValueOutsideItsDistributionIsRefusedAndNothingIsStored()
    {
        var s = CreateStorage();
        int study = s.CreateStudy("outside", Min);
        FrozenTrial Added(string name, double value, Distribution? distribution) => new()
        {
            State = TrialState.Complete,
            Values = [1],
            InternalParams = new Dictionary<string, double> { ["ok"] = 0.5, [name] = value },
            Distributions = distribution is null
                ? new Dictionary<string, Distribution> { ["ok"] = new FloatDistribution(0, 1) }
                : new Dictionary<string, Distribution> { ["ok"] = new FloatDistribution(0, 1), [name] = distribution },
            IntermediateValues = new Dictionary<long, double> { [0] = 2 },
            UserAttrs = new Dictionary<string, object?> { ["u"] = 1 },
        };

        var cases = new (FrozenTrial Trial, string Shown)[]
        {
            (Added("x", 2, new FloatDistribution(0, 1)), "The value 2 of parameter 'x' lies outside FloatDistribution(low=0, high=1"),
            (Added("n", 3.5, new IntDistribution(0, 10)), "The value 3.5 of parameter 'n' lies outside IntDistribution(low=0, high=10"),
            (Added("c", 2, new CategoricalDistribution(["a", "b"])), "The value 2 of parameter 'c' lies outside CategoricalDistribution(choices=[a, b])"),
            (Added("c", -1, new CategoricalDistribution(["a", "b"])), "The value -1 of parameter 'c' lies outside"),
            (Added("x", double.NaN, new FloatDistribution(0, 1)), "The value NaN of parameter 'x' lies outside"),
            (Added("y", 0.5, null), "Parameter 'y' has no distribution"),
        };
        foreach (var (trial, shown) in cases)
        {
            var e = Assert.Throws<ArgumentException>(() => s.CreateTrial(study, trial));
            Assert.Contains(shown, e.Message, StringComparison.Ordinal);
        }

        var reopened = Reopen(s);
        Assert.Equal(0, reopened.GetTrialCount(study));
        Assert.Empty(reopened.GetAllTrials(study));
        var valid = s.CreateTrial(study, Added("x", 1, new FloatDistribution(0, 1)));
        Assert.Equal(0, valid.Number);
        Assert.Equal(1.0, Reopen(s).GetTrial(valid.TrialId).Params["x"]);
    }

    [ContractCase]
    private void ATrialToldToAnotherStudyIsRefusedAndKeepsRunning()
    {
        var storage = CreateStorage();
        var a = Study.Create(new StudyOptions { StudyName = "a", Storage = storage });
        var b = Study.Create(new StudyOptions { StudyName = "b", Storage = storage });
        var trial = a.Ask();
        trial.SuggestFloat("x", 0, 1);
        foreach (Action tell in new Action[] { () => b.Tell(trial, 1.0), () => b.Tell(trial, [1.0]), () => b.Tell(trial, TrialState.Pruned), () => b.Tell(trial, TrialState.Fail, "no") })
        {
            var e = Assert.Throws<ArgumentException>(tell);
            Assert.Contains("Trial 0 belongs to study 'a', not to study 'b'", e.Message, StringComparison.Ordinal);
        }

        var stored = Reopen(storage).GetTrial(trial.TrialId);
        Assert.Equal(TrialState.Running, stored.State);
        Assert.False(stored.SystemAttrs.ContainsKey(SystemAttrKeys.FailReason));
        Assert.Empty(b.Trials);
        Assert.Equal(TrialState.Complete, a.Tell(trial, 1.0).State);
    }

    [ContractCase]
    private void APrunedTrialWhoseLastReportIsNaNKeepsNoValue()
    {
        var study = Study.Create(new StudyOptions { StudyName = "pruned", Storage = CreateStorage() });
        var trial = study.Ask();
        trial.Report(0.5, 0);
        trial.Report(double.NaN, 1);
        var pruned = study.Tell(trial, TrialState.Pruned);
        Assert.Equal((TrialState.Pruned, null), (pruned.State, pruned.Values));
        Assert.True(double.IsNaN(study.Storage.GetTrial(trial.TrialId).IntermediateValues[1]));
    }

    [ContractCase]
    private void AStudyRunsEndToEndOnTheStorage()
    {
        var study = Study.Create(new StudyOptions { StudyName = "e2e", Storage = CreateStorage(), Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -5, 5) - 1, 2), nTrials: 30, parallelism: 3);
        Assert.Equal(30, study.Trials.Count);
        Assert.Equal(study.Trials.Where(t => t.State == TrialState.Complete).Min(t => t.Value), study.BestValue);
    }
}
