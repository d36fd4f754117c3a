namespace Astrolabe.Tests.Samplers.Gp;

public sealed class GpSamplerTests
{
    [Fact]
    public void FindsTheMinimumOfASphereFarFasterThanRandomSearch()
    {
        double Best(Sampler sampler)
        {
            var study = Study.Create(new StudyOptions { Sampler = sampler });
            study.Optimize(Sphere(3), nTrials: 40);
            return study.BestValue;
        }

        double gp = Best(new GpSampler(new GpSamplerOptions { Seed = 1 }));
        double random = Best(new RandomSampler(new RandomSamplerOptions { Seed = 1 }));
        Assert.True(gp < 0.05, $"GP best {gp}");
        Assert.True(gp < random / 10, $"GP best {gp}, random {random}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrials()
    {
        string Run(int seed)
        {
            var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = seed, NStartupTrials = 5 }) });
            study.Optimize(Mixed, nTrials: 15);
            return string.Join(";", study.Trials.Select(t => string.Join(",", t.Params.Select(p => $"{p.Key}={p.Value}"))));
        }

        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Fact]
    public void EachTrialsCandidatesAreSeededTheSameInEveryProcess()
    {
        // Fixed values: a per-process randomised hash (HashCode.Combine) made seeded studies unrepeatable across runs.
        Assert.Equal(55480117, GpSampler.ProposalSeed(1, 10));
        Assert.Equal(1481184943, GpSampler.ProposalSeed(1, 11));
        Assert.Equal(1668077826, GpSampler.ProposalSeed(-5, 10));
    }

    [Fact]
    public void MixedSpacesStayInsideTheirDistributions()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 5, NStartupTrials = 4 }) });
        study.Optimize(Mixed, nTrials: 20);
        foreach (var t in study.Trials)
        {
            foreach (var (name, distribution) in t.Distributions)
            {
                Assert.True(distribution.Contains(t.InternalParams[name]), $"{name}={t.InternalParams[name]} outside {distribution}");
            }
        }

        // The GP learned the structure: the best trials sit at the categorical optimum and the right integer.
        var best = study.BestTrial;
        Assert.Equal("b", best.Params["kind"]);
        Assert.InRange((long)best.Params["n"]!, 2, 4);
    }

    [Fact]
    public void ParametersOfConditionalBranchesAreLearnedToo()
    {
        // Only "model" is in every trial; a_x and b_y belong to one branch each and go to the independent sampler,
        // by default a univariate TPE, which learns where a_x is good (a random sampler would spread it over [−5, 5]).
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 18 }) });
        study.Optimize(t => t.SuggestCategorical("model", ["a", "b"]) == "a"
            ? Math.Pow(t.SuggestFloat("a_x", -5, 5) - 2, 2)
            : 20 + Math.Pow(t.SuggestFloat("b_y", -5, 5), 2), nTrials: 50);
        var late = study.Trials.Skip(30).Where(t => t.Params.ContainsKey("a_x")).Select(t => Math.Abs((double)t.Params["a_x"]! - 2)).Order().ToList();
        Assert.True(late.Count >= 5, $"{late.Count} late trials in branch a");
        Assert.True(late[late.Count / 2] < 1, $"median distance of a_x from its optimum {late[late.Count / 2]}");
    }

    [Fact]
    public void MaximizesWhenAsked()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new GpSampler(new GpSamplerOptions { Seed = 6 }) });
        study.Optimize(t => -Sphere(2)(t), nTrials: 30);
        Assert.True(study.BestValue > -0.05, $"best {study.BestValue}");
    }

    [Fact]
    public void HonoursLogScale()
    {
        // The optimum, 1e-3, is a speck on a linear scale of [1e-5, 10] but in the middle of the log scale.
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 7, NStartupTrials = 5 }) });
        study.Optimize(t => Math.Pow(Math.Log10(t.SuggestFloat("lr", 1e-5, 10, log: true)) + 3, 2), nTrials: 20);
        Assert.InRange((double)study.BestTrial.Params["lr"]!, 5e-4, 2e-3);
    }

    [Fact]
    public void RunningTrialsCountAsTheWorstSoParallelWorkersSpreadOut()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 8, NStartupTrials = 5 }) });
        study.Optimize(Sphere(2), nTrials: 12);
        // Four workers each ask for a trial and take its parameters before any of them reports.
        var xs = new List<(double, double)>();
        for (int w = 0; w < 4; w++)
        {
            var trial = study.Ask();
            xs.Add((trial.SuggestFloat("x0", -5, 5), trial.SuggestFloat("x1", -5, 5)));
        }

        for (int i = 0; i < xs.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double distance = Math.Sqrt(Math.Pow(xs[i].Item1 - xs[j].Item1, 2) + Math.Pow(xs[i].Item2 - xs[j].Item2, 2));
                Assert.True(distance > 0.1, $"trials {i} and {j} proposed the same point {xs[i]} {xs[j]}, all {string.Join(" ", xs)}");
            }
        }
    }

    [Fact]
    public void FindsAFeasibleOptimumUnderAConstraint()
    {
        // Minimise (x − 1)² + (y − 1)² subject to x + y ≥ 3: the constrained optimum is (1.5, 1.5), value 0.5.
        var sampler = new GpSampler(new GpSamplerOptions
        {
            Seed = 9,
            ConstraintsFunc = t => [3 - ((double)t.Params["x0"]! + (double)t.Params["x1"]!)],
        });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(Sphere(2), nTrials: 35);
        var feasible = study.Trials.Where(t => t.State == TrialState.Complete && (double)t.Params["x0"]! + (double)t.Params["x1"]! >= 3).ToList();
        Assert.NotEmpty(feasible);
        double best = feasible.Min(t => t.Value!.Value);
        Assert.True(best < 0.6, $"best feasible {best}");
        Assert.All(study.Trials.Where(t => t.State == TrialState.Complete), t => Assert.True(t.SystemAttrs.ContainsKey("constraints")));
    }

    [Fact]
    public void SpreadsAlongTheParetoFrontOfTwoObjectives()
    {
        double Hypervolume(Sampler sampler)
        {
            var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = sampler });
            study.Optimize(t =>
            {
                double x = t.SuggestFloat("x", 0, 1), y = t.SuggestFloat("y", 0, 1);
                return [x, (1 + (9 * y)) * (1 - Math.Sqrt(x / (1 + (9 * y))))]; // ZDT1 in two variables
            }, nTrials: 30);
            var points = study.BestTrials.Select(t => t.Values!.ToArray()).ToList();
            return HypervolumeBoxes.Build([], [1.1, 11]).Improvement([0, 0]) - HypervolumeBoxes.Build(points, [1.1, 11]).Improvement([0, 0]);
        }

        double gp = Hypervolume(new GpSampler(new GpSamplerOptions { Seed = 10 }));
        double random = Hypervolume(new RandomSampler(new RandomSamplerOptions { Seed = 10 }));
        Assert.True(gp > random, $"hypervolume GP {gp}, random {random}");
    }

    [Fact]
    public void SeveralObjectivesUnderAConstraintStayMostlyFeasible()
    {
        // Two objectives, feasible only where x + y ≥ 1 (half of the square): once the constraint GP has learned the
        // boundary, proposals land on the feasible side far more often than the random start-up trials did.
        var sampler = new GpSampler(new GpSamplerOptions { Seed = 19, ConstraintsFunc = t => [1 - ((double)t.Params["x"]! + (double)t.Params["y"]!)] });
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = sampler });
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1), y = t.SuggestFloat("y", 0, 1);
            return [x, y];
        }, nTrials: 30);
        var late = study.Trials.Skip(15).ToList();
        int feasible = late.Count(t => (double)t.Params["x"]! + (double)t.Params["y"]! >= 1);
        Assert.True(feasible >= 11, $"{feasible} of {late.Count} late trials feasible");
    }

    internal static double Mixed(Trial t)
    {
        double x = t.SuggestFloat("x", -3, 3);
        long n = t.SuggestInt("n", 0, 8);
        string kind = t.SuggestCategorical("kind", ["a", "b", "c"]);
        return ((x - 0.5) * (x - 0.5)) + ((n - 3) * (n - 3) * 0.3) + (kind == "b" ? 0 : 2);
    }

    internal static Func<Trial, double> Sphere(int d) => t =>
    {
        double sum = 0;
        for (int i = 0; i < d; i++)
        {
            double x = t.SuggestFloat($"x{i}", -5, 5);
            sum += (x - 1) * (x - 1);
        }

        return sum;
    };
}
