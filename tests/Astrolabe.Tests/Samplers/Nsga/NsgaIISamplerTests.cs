namespace Astrolabe.Tests.Samplers.Nsga;

public sealed class NsgaIISamplerTests
{
    private static Study NewStudy(Sampler sampler, IStorage? storage = null, int objectives = 2) => Study.Create(new StudyOptions
    {
        Sampler = sampler,
        Storage = storage,
        Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, objectives)],
    });

    [Fact]
    public void BeatsRandomSearchOnZdt1()
    {
        double[] reference = [1.1, 11];
        var nsga = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1, PopulationSize = 20 }));
        nsga.Optimize(NsgaProblems.Zdt1(5), nTrials: 400);
        var random = NewStudy(new RandomSampler(new RandomSamplerOptions { Seed = 1 }));
        random.Optimize(NsgaProblems.Zdt1(5), nTrials: 400);
        double ours = NsgaProblems.HypervolumeOf(nsga, reference), theirs = NsgaProblems.HypervolumeOf(random, reference);
        Assert.True(ours > theirs + 0.3, $"NSGA-II hypervolume {ours}, random {theirs}");
    }

    [Fact]
    public void EveryTrialRecordsItsGenerationAndFullGenerationsCacheTheirParents()
    {
        var study = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 2, PopulationSize = 5 }));
        study.Optimize(NsgaProblems.Zdt1(3), nTrials: 17);
        Assert.Equal(
            [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3],
            study.Trials.Select(t => Convert.ToInt32(t.SystemAttrs[NsgaIISampler.GenerationKey], System.Globalization.CultureInfo.InvariantCulture)));
        var cached = study.SystemAttrs.Where(a => a.Key.StartsWith("nsga2:population:", StringComparison.Ordinal)).ToList();
        Assert.Single(cached);
        var entry = (System.Collections.IList)cached[0].Value!;
        Assert.Equal(2, Convert.ToInt32(entry[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5, ((System.Collections.IList)entry[1]!).Count);
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrials()
    {
        string Run() => string.Join(";", Run7().Trials.Select(t => string.Join(",", t.InternalParams.Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
        Study Run7()
        {
            var study = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 7, PopulationSize = 6, Crossover = new SbxCrossover() }));
            study.Optimize(NsgaProblems.Zdt1(4), nTrials: 40);
            return study;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void WorkersWithTheirOwnSamplersShareOneSequenceOfGenerations()
    {
        // Two samplers on one storage, taking turns, stand for two processes: neither starts its own generation 0 again.
        var storage = new InMemoryStorage();
        var first = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 3, PopulationSize = 4 }), storage);
        var second = Study.Load(first.StudyName, storage, new NsgaIISampler(new NsgaIISamplerOptions { Seed = 4, PopulationSize = 4 }));
        for (int i = 0; i < 20; i++)
        {
            (i % 2 == 0 ? first : second).Optimize(NsgaProblems.Zdt1(3), nTrials: 1);
        }

        var generations = first.Trials.Select(t => Convert.ToInt32(t.SystemAttrs[NsgaIISampler.GenerationKey], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i / 4), generations);
    }

    [Fact]
    public void RunningTrialsOfAFullGenerationDoNotHoldTheNextOneBack()
    {
        var study = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 5, PopulationSize = 3 }));
        var objective = NsgaProblems.Zdt1(2);
        var open = study.Ask();
        objective(open);
        study.Optimize(objective, nTrials: 4);

        // Generation 0 holds the open trial and three complete ones: full, so the fifth trial is already generation 1.
        Assert.Equal([0, 0, 0, 0, 1], study.Trials.Select(t => Convert.ToInt32(t.SystemAttrs[NsgaIISampler.GenerationKey], System.Globalization.CultureInfo.InvariantCulture)));
        // Its running trial keeps generation 0's parents out of the cache (they may change when it finishes).
        Assert.DoesNotContain(study.SystemAttrs.Keys, k => k.StartsWith("nsga2:population:", StringComparison.Ordinal));
    }

    [Fact]
    public void ConstrainedDominationLeadsTheSearchIntoTheFeasibleRegion()
    {
        // Feasible only where x0 + x1 ≥ 1.2, while the unconstrained front (x1 = 0) is all infeasible.
        static IReadOnlyList<double> Constraint(FrozenTrial t) => [1.2 - ((double)t.Params["x0"]! + (double)t.Params["x1"]!)];
        static IReadOnlyList<double> Objective(Trial t)
        {
            double x0 = t.SuggestFloat("x0", 0, 1), x1 = t.SuggestFloat("x1", 0, 1);
            return [x0, 1 - x0 + x1];
        }

        var constrained = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 6, PopulationSize = 10, ConstraintsFunc = Constraint }));
        constrained.Optimize(Objective, nTrials: 200);
        var free = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 6, PopulationSize = 10 }));
        free.Optimize(Objective, nTrials: 200);

        int Feasible(Study study) => study.Trials.TakeLast(100).Count(t => Constraint(t)[0] <= 0);
        Assert.True(Feasible(constrained) > Feasible(free) + 20, $"{Feasible(constrained)} of the last 100 trials feasible with constraints, {Feasible(free)} without");
        var parents = (System.Collections.IList)constrained.SystemAttrs.Single(a => a.Key.StartsWith("nsga2:population:", StringComparison.Ordinal)).Value!;
        var numbers = ((System.Collections.IEnumerable)parents[1]!).Cast<object>().Select(n => Convert.ToInt32(n, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(numbers, n => Assert.True(Constraint(constrained.Trials[n])[0] <= 0, $"parent {n} is infeasible"));
        Assert.All(constrained.Trials, t => Assert.Single(((System.Collections.IEnumerable)t.SystemAttrs["constraints"]!).Cast<object>()));
    }

    [Fact]
    public void CategoricalAndConditionalParametersAreSampledAndLearned()
    {
        var study = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 8, PopulationSize = 10 }));
        study.Optimize(t =>
        {
            string kind = t.SuggestCategorical("kind", ["good", "bad", "worse"]);
            double x = t.SuggestFloat("x", 0, 1);
            double extra = kind == "bad" ? t.SuggestInt("extra", 1, 5) : 0;
            return [x + (kind == "good" ? 0 : 1) + extra, 1 - x + (kind == "good" ? 0 : 1)];
        }, nTrials: 120);
        Assert.All(study.Trials.Where(t => (string)t.Params["kind"]! == "bad"), t => Assert.InRange((long)t.Params["extra"]!, 1, 5));
        Assert.All(study.Trials.Where(t => (string)t.Params["kind"]! != "bad"), t => Assert.False(t.Params.ContainsKey("extra")));
        int good = study.Trials.TakeLast(40).Count(t => (string)t.Params["kind"]! == "good");
        Assert.True(good >= 28, $"only {good} of the last 40 trials chose the dominating category");
    }

    [Theory]
    [MemberData(nameof(Crossovers))]
    public void EveryCrossoverKeepsChildrenInBoundsAndImprovesOnTheFirstGeneration(string name, NsgaCrossover crossover)
    {
        var study = NewStudy(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 9, PopulationSize = 12, Crossover = crossover }));
        study.Optimize(t =>
        {
            double a = t.SuggestFloat("a", 0, 1);
            double b = t.SuggestFloat("b", 1e-3, 10, log: true);
            long n = t.SuggestInt("n", 0, 20, step: 4);
            double s = t.SuggestFloat("s", -1, 1, step: 0.25);
            return [a + (b * 0.1) + (n * 0.01) + Math.Abs(s), 1 - a + Math.Abs(s)];
        }, nTrials: 120);
        foreach (var t in study.Trials)
        {
            foreach (var (param, value) in t.InternalParams)
            {
                Assert.True(t.Distributions[param].Contains(value), $"{name}: trial {t.Number} {param} = {value}");
            }
        }

        double[] reference = [3, 3];
        double firstGeneration = Hypervolume.Compute([.. study.Trials.Take(12).Select(t => t.Values!)], reference);
        double all = NsgaProblems.HypervolumeOf(study, reference);
        Assert.True(all > firstGeneration, $"{name}: hypervolume {all} after 120 trials, {firstGeneration} after the first generation");
    }

    public static TheoryData<string, NsgaCrossover> Crossovers => new()
    {
        { "uniform", new UniformCrossover() },
        { "BLX-α", new BlxAlphaCrossover() },
        { "SBX", new SbxCrossover() },
        { "vSBX", new VsbxCrossover() },
        { "UNDX", new UndxCrossover() },
        { "SPX", new SpxCrossover() },
    };

    [Fact]
    public void ASingleObjectiveStudyIsOptimisedToo()
    {
        var study = Study.Create(new StudyOptions { Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 10, PopulationSize = 10 }) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -5, 5) - 1, 2) + Math.Pow(t.SuggestFloat("y", -5, 5), 2), nTrials: 150);
        Assert.True(study.BestValue < 0.5, $"best {study.BestValue}");
    }
}
