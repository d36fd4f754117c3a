namespace Astrolabe.Tests.Costs;

public sealed class CostMeterTests
{
    [Fact]
    public void OneTrialAtATimeGetsTheProcessCpuFromThePreviousTrialsEnd()
    {
        double cpu = 10;
        var meter = new CostMeter(new EnergyOptions { CpuTdpWatts = 80, CpuCores = 4, DramWattsPerGb = 0 }, () => TimeSpan.FromSeconds(cpu));
        meter.Begin(1);
        cpu += 2;
        var first = meter.End(1);
        cpu += 0.5; // starting the next trial (sampling its parameters) is that trial's work
        meter.Begin(2);
        cpu += 1;
        var second = meter.End(2);
        Assert.Equal(2, first.CpuSeconds, 12);
        Assert.Equal(1.5, second.CpuSeconds, 12);
        Assert.Equal(EnergyMethod.Estimated, first.Method);
        Assert.Equal(2 * 80.0 / 4, first.EnergyJoules, 9); // 40 J
        Assert.Equal(40 / 3.6e6 * 475, first.Co2eGrams, 12);
    }

    [Fact]
    public void OverlappingTrialsShareEachIntervalEqually()
    {
        double cpu = 0;
        var meter = new CostMeter(new EnergyOptions { DramWattsPerGb = 0 }, () => TimeSpan.FromSeconds(cpu));
        meter.Begin(1);
        cpu += 3;           // trial 1 alone: 3
        meter.Begin(2);
        cpu += 4;           // both: 2 each
        var one = meter.End(1);
        cpu += 1;           // trial 2 alone: 1
        var two = meter.End(2);
        Assert.Equal(5, one.CpuSeconds, 12);
        Assert.Equal(3, two.CpuSeconds, 12);
        Assert.Equal(cpu, one.CpuSeconds + two.CpuSeconds, 12);
    }

    [Fact]
    public void ShortTrialsEndingAloneAreGuessedAndTheNextReadingSettlesTheRest()
    {
        double cpu = 0;
        int reads = 0;
        var meter = new CostMeter(new EnergyOptions { DramWattsPerGb = 0 }, () => { reads++; return TimeSpan.FromSeconds(cpu); }, minCpuReadInterval: TimeSpan.FromHours(1));
        reads = 0;
        meter.Begin(1);
        cpu += 1;
        var one = meter.End(1);     // alone and within the interval: guessed (its wall time, microseconds), no reading
        meter.Begin(2);
        cpu += 2;
        var two = meter.End(2);
        Assert.Equal(0, reads);
        Assert.True(one.CpuSeconds < 0.5 && two.CpuSeconds < 0.5, $"{one.CpuSeconds}, {two.CpuSeconds}");

        meter.Begin(3);
        meter.Begin(4);             // trial 3 running: still one trial, guessed
        cpu += 4;
        var three = meter.End(3);   // two running: read; what the guesses missed (7 s less theirs) goes to both
        var four = meter.End(4);    // alone again: guessed
        Assert.Equal(1, reads);
        double total = one.CpuSeconds + two.CpuSeconds + three.CpuSeconds + four.CpuSeconds;
        Assert.InRange(total, 7, 7.5);
        Assert.InRange(three.CpuSeconds, 3, 4);
        Assert.InRange(four.CpuSeconds, 3, 4);
    }

    [Fact]
    public void GuessesBeyondWhatTheProcessUsedAreTakenOffTheNextReadings()
    {
        double cpu = 0;
        var meter = new CostMeter(new EnergyOptions { DramWattsPerGb = 0 }, () => TimeSpan.FromSeconds(cpu), minCpuReadInterval: TimeSpan.FromHours(1));
        meter.Begin(1);
        Thread.Sleep(20);           // 20 ms of wall time, but the process used no CPU: the guess is too high
        var guessed = meter.End(1);
        Assert.True(guessed.CpuSeconds >= 0.015, $"{guessed.CpuSeconds}");
        meter.Begin(2);
        meter.Begin(3);
        cpu += 1;
        var two = meter.End(2);     // reading: 1 s used, of which the guess already gave 0.02 s
        var three = meter.End(3);
        Assert.InRange(guessed.CpuSeconds + two.CpuSeconds + three.CpuSeconds, 1, 1.01);
    }

    [Fact]
    public void RaplCountersAreReadSharedAndUnwrapped()
    {
        using var root = new TempFolder();
        root.Domain("intel-rapl:0", energy: 999_000_000, range: 1_000_000_000);
        root.Domain("intel-rapl:0:0", energy: 5, range: 10); // a sub-domain (cores): part of the package, not added
        double cpu = 0;
        var rapl = RaplMeter.TryOpen(root.Path, out string? reason)!;
        Assert.Null(reason);
        var meter = new CostMeter(new EnergyOptions(), () => TimeSpan.FromSeconds(cpu), rapl);
        meter.Begin(1);
        root.Domain("intel-rapl:0", energy: 1_000_000, range: 1_000_000_000); // wrapped: +2 J
        cpu += 1;
        var cost = meter.End(1);
        Assert.Equal(EnergyMethod.Rapl, cost.Method);
        Assert.Equal(2, cost.EnergyJoules, 9);
    }

    [Fact]
    public void UnreadableOrMissingCountersFallBackToTheEstimateWithTheReason()
    {
        using var root = new TempFolder();
        Assert.Null(RaplMeter.TryOpen(root.Path, out string? none));
        Assert.StartsWith("no RAPL package counters", none);
        root.Domain("intel-rapl:0", energy: 1, range: 10);
        File.WriteAllText(System.IO.Path.Combine(root.Path, "intel-rapl:0", "energy_uj"), "not a number");
        Assert.Null(RaplMeter.TryOpen(root.Path, out string? unreadable));
        Assert.Contains("cannot be read", unreadable);

        // Through a study: a warning is logged, every trial still records an estimated cost.
        var logger = new Samplers.CmaEs.ListLogger();
        var study = Study.Create(new StudyOptions { Logger = logger });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { NTrials = 2, Energy = new EnergyOptions { PowercapRoot = root.Path } });
        Assert.Contains(logger.Warnings, m => m.Contains("Energy is estimated", StringComparison.Ordinal));
        Assert.All(study.Trials, t => Assert.Equal(EnergyMethod.Estimated, TrialCost.Of(t)!.Method));
    }

    [Fact]
    public void ATrialsCpuSecondsMatchTheProcessCpuItUsed()
    {
        var study = Study.Create();
        var before = Environment.CpuUsage.TotalTime;
        study.Optimize(t =>
        {
            double sink = t.SuggestFloat("x", 0, 1);
            var start = Environment.CpuUsage.TotalTime;
            while ((Environment.CpuUsage.TotalTime - start).TotalSeconds < 0.2)
            {
                sink = Math.Sqrt(sink + 1);
            }

            return sink;
        }, nTrials: 3);
        double used = (Environment.CpuUsage.TotalTime - before).TotalSeconds;
        double recorded = study.Trials.Sum(t => TrialCost.Of(t)!.CpuSeconds);

        // Everything but the study's own bookkeeping between trials is a trial's; each spun at least 0.2 s.
        Assert.All(study.Trials, t => Assert.True(TrialCost.Of(t)!.CpuSeconds >= 0.2));
        Assert.InRange(recorded, 0.95 * used - 0.05, used);
    }

    [Fact]
    public void AnObjectiveCanMinimiseWhatItsTrialCostSoFar()
    {
        // Two objectives: x (maximised) and the trial's energy so far (minimised); the work grows with x.
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize, StudyDirection.Minimize] });
        var seen = new List<TrialCost>();
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1), sink = 0;
            var start = Environment.CpuUsage.TotalTime;
            while ((Environment.CpuUsage.TotalTime - start).TotalSeconds < 0.05 + (0.2 * x))
            {
                sink = Math.Sqrt(sink + 1);
            }

            t.SetSystemAttr(TrialCost.FlopsKey, 1000L);
            var cost = t.CostSoFar()!;
            seen.Add(cost);
            return [x + (sink * 0), cost.EnergyJoules];
        }, nTrials: 3);
        var trials = study.Trials.OrderBy(t => t.Number).ToList();
        for (int i = 0; i < trials.Count; i++)
        {
            var final = TrialCost.Of(trials[i])!;
            Assert.Equal(1000L, seen[i].Flops);
            Assert.True(seen[i].CpuSeconds >= 0.05 && seen[i].CpuSeconds <= final.CpuSeconds, $"{seen[i].CpuSeconds} vs {final.CpuSeconds}");
            Assert.True(seen[i].EnergyJoules > 0 && seen[i].EnergyJoules <= final.EnergyJoules);
            Assert.Equal(seen[i].EnergyJoules, trials[i].Values![1]);
        }

        // Outside Optimize (ask and tell) there is no meter.
        var asked = study.Ask();
        Assert.Null(asked.CostSoFar());
    }

    [Fact]
    public void ATrialsPeakManagedMemoryIncludesWhatItHeld()
    {
        const int size = 64 << 20;
        var study = Study.Create();
        study.Optimize(t =>
        {
            var block = new byte[size];
            Array.Fill(block, (byte)1);
            double x = t.SuggestFloat("x", 0, 1) + block[size / 2];
            GC.KeepAlive(block);
            return x;
        }, nTrials: 2);
        Assert.All(study.Trials, t => Assert.True(TrialCost.Of(t)!.PeakManagedBytes >= size, $"peak {TrialCost.Of(t)!.PeakManagedBytes}"));
    }

    [Fact]
    public void TheMemorySamplesKeepAPeakThatCollectionsLaterFreed()
    {
        const int size = 64 << 20;
        using var meter = new CostMeter(new EnergyOptions(), () => TimeSpan.Zero);
        meter.Begin(1);
        HoldWhileSampling(meter, size);

        // Two full collections: the last one's "size before" no longer holds the block; only the sample does.
        GC.Collect();
        GC.Collect();
        Assert.True(meter.End(1).PeakManagedBytes >= size);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void HoldWhileSampling(CostMeter meter, int size)
    {
        var block = new byte[size];
        Array.Fill(block, (byte)1);
        meter.SampleMemory();
        GC.KeepAlive(block);
    }

    [Theory]
    [InlineData("cpu-hours=0.5", 0.5, null, null, null)]
    [InlineData("kwh=2", null, 2.0, null, null)]
    [InlineData("flops=1e12", null, null, 1e12, null)]
    [InlineData("wall=90", null, null, null, 90.0)]
    [InlineData("wall=90m", null, null, null, 5400.0)]
    [InlineData("WALL=2h", null, null, null, 7200.0)]
    public void BudgetsParseAsTheCommandLineWritesThem(string text, double? cpuHours, double? kwh, double? flops, double? wall)
    {
        var budget = StudyBudget.Parse(text);
        Assert.Equal(cpuHours, budget.CpuHours);
        Assert.Equal(kwh, budget.Kwh);
        Assert.Equal(flops, budget.Flops);
        Assert.Equal(wall, budget.Wall?.TotalSeconds);
    }

    [Theory]
    [InlineData("gpu-hours=1", "Unknown budget 'gpu-hours=1'")]
    [InlineData("kwh=0", "must be a positive number")]
    [InlineData("cpu-hours=-1", "must be a positive number")]
    [InlineData("flops=NaN", "must be a positive number")]
    [InlineData("wall=3d", "seconds, or a number with s, m or h")]
    [InlineData("kwh", "must be a positive number")]
    public void BadBudgetsAreClearErrors(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => StudyBudget.Parse(text)).Message);

    [Fact]
    public void BadEnergySettingsAreClearErrors()
    {
        var study = Study.Create();
        Assert.Contains("GridIntensity", Assert.Throws<ArgumentException>(() => study.Optimize(_ => 0, new OptimizeOptions { NTrials = 1, Energy = new EnergyOptions { GridIntensity = 0 } })).Message);
        Assert.Contains("CpuTdpWatts", Assert.Throws<ArgumentException>(() => study.Optimize(_ => 0, new OptimizeOptions { NTrials = 1, Energy = new EnergyOptions { CpuTdpWatts = -5 } })).Message);
        Assert.Contains("Kwh", Assert.Throws<ArgumentException>(() => study.Optimize(_ => 0, new OptimizeOptions { NTrials = 1, Budget = new StudyBudget { Kwh = -1 } })).Message);
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void AWallBudgetCountsFromTheFirstTrial()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var trials = new[] { new FrozenTrial { Number = 0, State = TrialState.Complete, DatetimeStart = start } };
        var budget = new StudyBudget { Wall = TimeSpan.FromMinutes(10) };
        Assert.Null(budget.Spent(trials, start.AddMinutes(9)));
        Assert.Contains("Wall-time budget spent", budget.Spent(trials, start.AddMinutes(10)));
    }

    private sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "astrolabe-rapl-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Domain(string name, long energy, long range)
        {
            string folder = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(System.IO.Path.Combine(folder, "energy_uj"), energy.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(System.IO.Path.Combine(folder, "max_energy_range_uj"), range.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
