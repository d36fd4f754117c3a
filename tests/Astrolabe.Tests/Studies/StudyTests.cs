namespace Astrolabe.Tests.Studies;

public sealed class StudyTests
{
    private static Study NewStudy(StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions { Direction = direction, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });

    [Fact]
    public void OptimizeFindsTheBestOfItsTrials()
    {
        var study = NewStudy();
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2), nTrials: 200);
        Assert.Equal(200, study.Trials.Count);
        Assert.True(study.BestValue < 0.1, $"best {study.BestValue}");
        Assert.Equal(study.BestValue, study.Trials.Min(t => t.Value));
        Assert.InRange((double)study.BestTrial.Params["x"]!, 1.6, 2.4);
    }

    [Fact]
    public void MaximizeFlipsTheBest()
    {
        var study = NewStudy(StudyDirection.Maximize);
        study.Optimize(t => -Math.Abs(t.SuggestInt("x", 0, 20) - 7), nTrials: 80);
        Assert.Equal(0, study.BestValue);
        Assert.Equal(7L, study.BestParams["x"]);
    }

    [Theory]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void NonFiniteValuesFailTheTrialWithAReason(double value, string shown)
    {
        var study = NewStudy();
        study.Optimize(_ => value, nTrials: 2);
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Fail, t.State);
            Assert.Null(t.Values);
            Assert.Equal($"The objective returned {shown}, which is not a finite number.", t.SystemAttrs[SystemAttrKeys.FailReason]);
        });
    }

    [Fact]
    public void CaughtExceptionsFailTheTrialAndTheStudyGoesOn()
    {
        var study = NewStudy();
        study.Optimize(
            t => t.Number % 2 == 0 ? throw new DivideByZeroException($"bad batch {t.Number}") : 1.0,
            new OptimizeOptions { NTrials = 6, Catch = [typeof(ArithmeticException)] });
        Assert.Equal(6, study.Trials.Count);
        Assert.Equal(3, study.GetTrials(TrialState.Fail).Count);
        Assert.Equal("DivideByZeroException: bad batch 2", study.Trials[2].SystemAttrs[SystemAttrKeys.FailReason]);
    }

    [Fact]
    public void OtherExceptionsAreRecordedThenRethrown()
    {
        var study = NewStudy();
        var e = Assert.Throws<DivideByZeroException>(() => study.Optimize(t => t.Number == 1 ? throw new DivideByZeroException() : 1.0, nTrials: 5));
        Assert.NotNull(e);
        Assert.Equal(2, study.Trials.Count);
        Assert.Equal(TrialState.Fail, study.Trials[1].State);
    }

    [Fact]
    public void PrunedTrialsKeepTheirLastReportedValue()
    {
        var study = NewStudy();
        Func<Trial, double> objective = t =>
        {
            t.Report(0.8, 0);
            t.Report(0.6, 1);
            throw new TrialPrunedException();
        };
        study.Optimize(objective, nTrials: 1);
        var trial = study.Trials[0];
        Assert.Equal(TrialState.Pruned, trial.State);
        Assert.Equal(0.6, trial.Value);
    }

    [Fact]
    public void CallbacksSeeEveryFinishedTrialAndCanStopTheStudy()
    {
        var study = NewStudy();
        var seen = new List<int>();
        study.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions
        {
            NTrials = 100,
            Callback = (s, t) =>
            {
                seen.Add(t.Number);
                Assert.Equal(TrialState.Complete, t.State);
                if (t.Number == 4)
                {
                    s.Stop();
                }
            },
        });
        Assert.Equal([0, 1, 2, 3, 4], seen);
    }

    [Fact]
    public void ATimeoutStopsStartingTrials()
    {
        var study = NewStudy();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        study.Optimize(_ =>
        {
            Thread.Sleep(20);
            return 1.0;
        }, timeout: TimeSpan.FromMilliseconds(200));
        Assert.InRange(study.Trials.Count, 2, 30);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationFailsTheRunningTrialAndStops()
    {
        var study = NewStudy();
        using var cts = new CancellationTokenSource();
        var run = study.OptimizeAsync(async (t, ct) =>
        {
            if (t.Number == 3)
            {
                await cts.CancelAsync();
            }

            await Task.Delay(t.Number == 3 ? 5000 : 1, ct);
            return 1.0;
        }, new OptimizeOptions { NTrials = 100 }, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(4, study.Trials.Count);
        Assert.Equal(TrialState.Fail, study.Trials[3].State);
    }

    [Fact]
    public async Task ParallelOptimizeRunsExactlyNTrials()
    {
        var study = NewStudy();
        int running = 0, peak = 0;
        await study.OptimizeAsync(async (t, ct) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref running);
            return t.SuggestFloat("x", 0, 1);
        }, new OptimizeOptions { NTrials = 40, Parallelism = 4 });
        Assert.Equal(40, study.Trials.Count);
        Assert.InRange(peak, 2, 4);
    }

    [Fact]
    public void SynchronousParallelismUsesThreads()
    {
        var study = NewStudy();
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        study.Optimize(t =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            Thread.Sleep(10);
            return t.SuggestFloat("x", 0, 1);
        }, nTrials: 24, parallelism: 3);
        Assert.Equal(24, study.Trials.Count);
        Assert.True(threads.Count >= 2);
    }

    [Fact]
    public void AskAndTellWorkWithoutOptimize()
    {
        var study = NewStudy();
        for (int i = 0; i < 5; i++)
        {
            var trial = study.Ask();
            study.Tell(trial, trial.SuggestFloat("x", 0, 1));
        }

        var pruned = study.Ask();
        study.Tell(pruned, TrialState.Pruned);
        Assert.Equal(6, study.Trials.Count);
        Assert.Equal(TrialState.Pruned, study.Trials[5].State);
        var e = Assert.Throws<InvalidOperationException>(() => study.Tell(pruned, 1.0));
        Assert.Contains("Trial 5 is already finished (Pruned)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AskWithFixedDistributionsSuggestsThemAtOnce()
    {
        var study = NewStudy();
        var trial = study.Ask(new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1), ["n"] = new IntDistribution(1, 3) });
        Assert.Equal(["x", "n"], trial.Params.Keys);
    }

    [Fact]
    public void TellByNumberFinishesTheTrial()
    {
        var study = NewStudy();
        var trial = study.Ask();
        study.Tell(trial.Number, [0.5]);
        Assert.Equal(0.5, study.Trials[0].Value);
        Assert.Contains("has no trial number 9", Assert.Throws<ArgumentException>(() => study.Tell(9, [1.0])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralObjectivesGiveAParetoFront()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        double[][] points = [[1, 5], [2, 2], [5, 1], [3, 3], [2, 6]];
        foreach (var p in points)
        {
            study.Tell(study.Ask(), p);
        }

        Assert.Equal([0, 1, 2], study.BestTrials.Select(t => t.Number));
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Throws<InvalidOperationException>(() => study.Direction);
        study.Optimize(t => new[] { t.SuggestFloat("a", 0, 1), 1 - t.SuggestFloat("a", 0, 1) }, nTrials: 3);
        Assert.Equal(8, study.Trials.Count);
        var wrong = study.Ask();
        study.Tell(wrong, [1.0]);
        Assert.Equal("The objective returned 1 value(s) but the study has 2 objective(s).", study.Trials[^1].SystemAttrs[SystemAttrKeys.FailReason]);
    }

    [Fact]
    public void AStudyIsLoadedByNameAndKeepsItsTrials()
    {
        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { StudyName = "s", Storage = storage, Direction = StudyDirection.Maximize });
        first.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 3);
        first.SetUserAttr("owner", "ana");
        var again = Study.Load("s", storage);
        Assert.Equal(3, again.Trials.Count);
        Assert.Equal(StudyDirection.Maximize, again.Direction);
        Assert.Equal("ana", again.UserAttrs["owner"]);
        var resumed = Study.Create(new StudyOptions { StudyName = "s", Storage = storage, Direction = StudyDirection.Maximize, LoadIfExists = true });
        resumed.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 2);
        Assert.Equal(5, resumed.Trials.Count);
        Assert.Throws<DuplicatedStudyException>(() => Study.Create(new StudyOptions { StudyName = "s", Storage = storage }));
        var e = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { StudyName = "s", Storage = storage, LoadIfExists = true }));
        Assert.Contains("exists with directions [Maximize], not [Minimize]", e.Message, StringComparison.Ordinal);
        Assert.Throws<StudyNotFoundException>(() => Study.Load("missing", storage));
        Study.Delete("s", storage);
        Assert.Empty(storage.GetAllStudies());
    }

    [Fact]
    public void InvalidOptionsAreRefusedUpFront()
    {
        var study = NewStudy();
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 1, nTrials: 1, parallelism: 0)).Message, StringComparison.Ordinal);
        Assert.Contains("zero or positive", Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 1, nTrials: -1)).Message, StringComparison.Ordinal);
        Assert.Contains("timeout must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 1, timeout: TimeSpan.Zero)).Message, StringComparison.Ordinal);
        Assert.Contains("not an exception type", Assert.Throws<ArgumentException>(() => study.Optimize(_ => 1, new OptimizeOptions { Catch = [typeof(string)] })).Message, StringComparison.Ordinal);
        Assert.Contains("either Direction or Directions", Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Direction = StudyDirection.Minimize, Directions = [StudyDirection.Maximize] })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressIsReportedAfterEachTrial()
    {
        var reports = new List<OptimizeProgress>();
        var study = NewStudy();
        study.Optimize(t => t.Number == 1 ? double.NaN : t.SuggestFloat("x", 0, 1), new OptimizeOptions { NTrials = 3, Progress = new SyncProgress(reports.Add) });
        Assert.Equal([1, 2, 3], reports.Select(r => r.Finished));
        Assert.Equal(1, reports[^1].Failed);
        Assert.Equal(2, reports[^1].Complete);
        Assert.Equal(study.BestValue, reports[^1].BestValue);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class SyncProgress(Action<OptimizeProgress> report) : IProgress<OptimizeProgress>
    {
        public void Report(OptimizeProgress value) => report(value);
    }
}
