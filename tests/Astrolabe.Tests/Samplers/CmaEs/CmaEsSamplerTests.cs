using System.Globalization;

namespace Astrolabe.Tests.Samplers.CmaEs;

public sealed class CmaEsSamplerTests
{
    [Fact]
    public void ConvergesOnTheSphere()
    {
        var study = Run(new CmaEsSamplerOptions { Seed = 1 }, Sphere(4), 400);
        Assert.True(study.BestValue < 1e-4, $"best {study.BestValue}");
    }

    [Fact]
    public void ConvergesOnAnIllConditionedRotatedEllipsoid()
    {
        var study = Run(new CmaEsSamplerOptions { Seed = 2 }, RotatedEllipsoid(5), 1200);
        Assert.True(study.BestValue < 1e-3, $"best {study.BestValue}");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void SeparableAndLearningRateAdaptedVariantsConverge(bool separable, bool lrAdapt)
    {
        // Learning-rate adaptation lowers the mean's rate on the (noise-free but isotropic) sphere, so it needs more trials.
        var study = Run(new CmaEsSamplerOptions { Seed = 3, UseSeparableCma = separable, LrAdapt = lrAdapt }, Sphere(6), lrAdapt ? 1000 : 600);
        Assert.True(study.BestValue < 1e-3, $"best {study.BestValue}");
    }

    [Fact]
    public void MaximizesWhenAsked()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 4 }) });
        study.Optimize(t => -Sphere(3)(t), nTrials: 300);
        Assert.True(study.BestValue > -1e-3, $"best {study.BestValue}");
    }

    [Fact]
    public void MarginKeepsIntegerVariablesAlive()
    {
        int[] ValuesSeenLate(bool withMargin)
        {
            var study = Run(new CmaEsSamplerOptions { Seed = 5, WithMargin = withMargin }, t =>
                Sphere(3)(t) + (0.01 * t.SuggestInt("b0", 0, 1)) + (0.01 * t.SuggestInt("b1", 0, 1)), 600);
            var late = study.Trials.Skip(400).ToList();
            return [late.Select(t => t.Params["b0"]).Distinct().Count(), late.Select(t => t.Params["b1"]).Distinct().Count()];
        }

        // Once σ shrinks, plain CMA-ES freezes each binary variable at one value, while the margin keeps the
        // probability of the other value at least 1 / (n·λ) per variable.
        Assert.Equal([1, 1], ValuesSeenLate(withMargin: false));
        Assert.Equal([2, 2], ValuesSeenLate(withMargin: true));
    }

    [Fact]
    public void MarginSamplesOnlyGridValues()
    {
        var study = Run(new CmaEsSamplerOptions { Seed = 6, WithMargin = true }, t =>
            Math.Pow(t.SuggestFloat("x", -2, 2, step: 0.5) - 1, 2) + Math.Pow(t.SuggestInt("k", -5, 5) + 3, 2) + Sphere(2)(t), 300);
        Assert.All(study.Trials, t => Assert.Equal(0, ((double)t.Params["x"]! * 2) % 1));
        Assert.Equal(1.0, (double)study.BestParams["x"]!);
        Assert.Equal(-3L, study.BestParams["k"]);
    }

    [Theory]
    [InlineData(CmaRestartStrategy.Ipop)]
    [InlineData(CmaRestartStrategy.Bipop)]
    public void RestartsWhenTheRunStallsAndGrowsThePopulation(CmaRestartStrategy strategy)
    {
        // On a plateau the run stalls after a random walk whose length depends on the seed (the first restart came
        // at trials 211–571 across seeds 1–12, and after 600 for one of them): several seeds, a generous budget,
        // stopping at the first restart (BIPOP's later runs may use the default population again).
        foreach (int seed in new[] { 1, 2, 3, 4 })
        {
            var sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, RestartStrategy = strategy });
            var study = Study.Create(new StudyOptions { Sampler = sampler });
            static long Restart(FrozenTrial t) => t.SystemAttrs.TryGetValue("cma:restart", out var r) ? Convert.ToInt64(r, CultureInfo.InvariantCulture) : -1;
            study.Optimize(
                t => Math.Round(t.SuggestFloat("x", -1, 1) + t.SuggestFloat("y", -1, 1)),
                new OptimizeOptions { NTrials = 1000, Callback = (s, t) => { if (Restart(t) >= 1) { s.Stop(); } } });
            Assert.True(study.Trials.Max(Restart) >= 1, $"seed {seed}: no restart happened");
            var state = (IReadOnlyDictionary<string, object?>)study.SystemAttrs["cma:state"]!;
            Assert.NotEqual(6L, Convert.ToInt64(state["popsize"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void ARunIsRefinedToTheStepSizeToleranceBeforeItRestarts()
    {
        // TolX compares each coordinate's standard deviation σ·√C_ii with 1e-12·σ₀ (Hansen's tutorial). Comparing σ·C_ii
        // instead, as the cmaes package does, restarted Ackley-2 runs at regrets of 1e-9…1e-8 once C had shrunk below 1.
        // Seeds 0–2 restart at 2e-14, 1e-11 and 2e-14 (at 6e-9 … 2e-8 with σ·C_ii).
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, RestartStrategy = CmaRestartStrategy.Ipop });
            var study = Study.Create(new StudyOptions { Sampler = sampler });
            static long Restart(FrozenTrial t) => t.SystemAttrs.TryGetValue("cma:restart", out var r) ? Convert.ToInt64(r, CultureInfo.InvariantCulture) : -1;
            study.Optimize(Ackley(2), new OptimizeOptions { NTrials = 2000, Callback = (s, t) => { if (Restart(t) >= 1) { s.Stop(); } } });
            Assert.True(study.Trials.Max(Restart) >= 1, $"seed {seed}: no restart happened");
            double firstRun = study.Trials.Where(t => Restart(t) == 0).Min(t => t.Value!.Value);
            Assert.True(firstRun < 1e-10, $"seed {seed}: the first run restarted at a best value of {firstRun}");
        }
    }

    [Fact]
    public void IpopEscapesLocalMinimaOfRastrigin()
    {
        double withoutRestarts = Run(new CmaEsSamplerOptions { Seed = 4 }, Rastrigin(2), 1500).BestValue;
        double ipop = Run(new CmaEsSamplerOptions { Seed = 4, RestartStrategy = CmaRestartStrategy.Ipop }, Rastrigin(2), 1500).BestValue;
        Assert.True(withoutRestarts > 0.5, $"the single run found the global minimum ({withoutRestarts}); the test needs a seed that does not");
        Assert.True(ipop < 1e-6, $"IPOP best {ipop}");
    }

    [Fact]
    public void ParallelWorkersShareGenerationsWithoutDuplicatingIndividuals()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 9 }) });
        study.Optimize(t => Sphere(3)(t), new OptimizeOptions { NTrials = 400, Parallelism = 4 });
        Assert.True(study.BestValue < 1e-3, $"best {study.BestValue}");
        var keys = study.Trials.Where(t => t.SystemAttrs.ContainsKey("cma:generation"))
            .Select(t => (t.SystemAttrs["cma:restart"], t.SystemAttrs["cma:generation"], t.SystemAttrs["cma:individual"])).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys.Count > 350);
    }

    [Fact]
    public void AResumedStudyContinuesTheSameEvolution()
    {
        var whole = Run(new CmaEsSamplerOptions { Seed = 10 }, Sphere(3), 120);

        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { StudyName = "s", Storage = storage, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 10 }) });
        first.Optimize(t => Sphere(3)(t), nTrials: 57);
        var resumed = Study.Create(new StudyOptions { StudyName = "s", Storage = storage, LoadIfExists = true, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 99 }) });
        resumed.Optimize(t => Sphere(3)(t), nTrials: 63);

        Assert.Equal(whole.Trials.Skip(1).Select(t => t.Params["x0"]), resumed.Trials.Skip(1).Select(t => t.Params["x0"]));
    }

    [Fact]
    public void WarmStartBeginsNearTheSourceOptimum()
    {
        double Objective(Trial t) => Math.Pow(t.SuggestFloat("x", -5, 5) - 3, 2) + Math.Pow(t.SuggestFloat("y", -5, 5) + 2, 2);
        var source = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 11 }) });
        source.Optimize(Objective, nTrials: 200);

        double FirstGenerationMean(CmaEsSamplerOptions options)
        {
            var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options) });
            study.Optimize(Objective, nTrials: 7);
            return study.Trials.Skip(1).Average(t => t.Value!.Value);
        }

        double warm = FirstGenerationMean(new CmaEsSamplerOptions { Seed = 12, SourceTrials = source.Trials });
        double cold = FirstGenerationMean(new CmaEsSamplerOptions { Seed = 12 });
        Assert.True(warm < cold / 3, $"warm {warm}, cold {cold}");
    }

    [Fact]
    public void EnqueuedTrialsTakeNoPlaceInAGeneration()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 15 }) });
        study.Optimize(t => Sphere(2)(t), nTrials: 3);
        study.EnqueueTrial(new Dictionary<string, object?> { ["x0"] = 1.0, ["x1"] = 2.0 });
        study.Optimize(t => Sphere(2)(t), nTrials: 1);
        var enqueued = study.Trials[^1];
        Assert.Equal(1.0, (double)enqueued.Params["x0"]!);
        Assert.False(enqueued.SystemAttrs.ContainsKey("cma:generation"));
    }

    [Fact]
    public void X0AndSigma0SetTheInitialDistribution()
    {
        var study = Run(new CmaEsSamplerOptions { Seed = 13, X0 = new Dictionary<string, double> { ["x0"] = 4, ["x1"] = -4 }, Sigma0 = 1e-3 }, Sphere(2), 4);
        Assert.All(study.Trials.Skip(1), t => Assert.InRange((double)t.Params["x0"]!, 3.9, 4.1));
    }

    [Fact]
    public void CategoricalParametersGoToTheIndependentSamplerWithOneWarning()
    {
        var logger = new ListLogger();
        var study = Study.Create(new StudyOptions { Logger = logger, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 14 }) });
        study.Optimize(t => Sphere(2)(t) + (t.SuggestCategorical("c", new[] { "a", "b" }) == "a" ? 0 : 1), nTrials: 60);
        Assert.Single(logger.Warnings, w => w.Contains("categorical", StringComparison.Ordinal));
        Assert.Equal(2, study.Trials.Select(t => t.Params["c"]).Distinct().Count());
        Assert.True(study.BestValue < 0.1, $"best {study.BestValue}");
    }

    [Theory]
    [InlineData("RestartStrategy", "Unknown RestartStrategy '5'; use Ipop, Bipop or null")]
    [InlineData("Margin+Sep", "UseSeparableCma and WithMargin cannot be combined")]
    [InlineData("LrAdapt+Sep", "LrAdapt works with the full-covariance CMA-ES only")]
    [InlineData("Popsize", "PopulationSize must be at least 2")]
    [InlineData("Sigma0", "Sigma0 must be a positive finite number")]
    public void InvalidOptionsAreRejected(string what, string message)
    {
        var options = what switch
        {
            "RestartStrategy" => new CmaEsSamplerOptions { RestartStrategy = (CmaRestartStrategy)5 },
            "Margin+Sep" => new CmaEsSamplerOptions { WithMargin = true, UseSeparableCma = true },
            "LrAdapt+Sep" => new CmaEsSamplerOptions { LrAdapt = true, UseSeparableCma = true },
            "Popsize" => new CmaEsSamplerOptions { PopulationSize = 1 },
            _ => new CmaEsSamplerOptions { Sigma0 = -1 },
        };
        var e = Assert.Throws<ArgumentException>(() => new CmaEsSampler(options));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiObjectiveStudiesAreRejected()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new CmaEsSampler() });
        var e = Assert.Throws<InvalidOperationException>(() => study.Ask());
        Assert.Contains("single-objective studies only", e.Message, StringComparison.Ordinal);
    }

    internal static Study Run(CmaEsSamplerOptions options, Func<Trial, double> objective, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options) });
        study.Optimize(objective, nTrials: trials);
        return study;
    }

    private static Func<Trial, double> Sphere(int n) => t => Enumerable.Range(0, n).Sum(i => Math.Pow(t.SuggestFloat($"x{i}", -5, 5), 2));

    private static Func<Trial, double> Ackley(int n) => t =>
    {
        var x = Enumerable.Range(0, n).Select(i => t.SuggestFloat($"x{i}", -32.768, 32.768)).ToArray();
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(x.Sum(v => v * v) / n))) - Math.Exp(x.Sum(v => Math.Cos(2 * Math.PI * v)) / n) + 20 + Math.E;
    };

    private static Func<Trial, double> Rastrigin(int n) => t => Enumerable.Range(0, n).Sum(i =>
    {
        double x = t.SuggestFloat($"x{i}", -5.12, 5.12);
        return 10 + (x * x) - (10 * Math.Cos(2 * Math.PI * x));
    });

    private static Func<Trial, double> RotatedEllipsoid(int n) => t =>
    {
        var x = Enumerable.Range(0, n).Select(i => t.SuggestFloat($"x{i}", -5, 5)).ToArray();
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            // Rotate by 45° in consecutive pairs, then weight by 10^(3 i / (n − 1)).
            double y = i + 1 < n ? (x[i] + x[i + 1]) / Math.Sqrt(2) : (x[i] - x[i - 1]) / Math.Sqrt(2);
            sum += Math.Pow(10, 3.0 * i / (n - 1)) * y * y;
        }

        return sum;
    };
}
