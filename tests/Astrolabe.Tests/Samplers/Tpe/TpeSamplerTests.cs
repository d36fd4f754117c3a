namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class TpeSamplerTests
{
    private static double Sphere(Trial t) => Enumerable.Range(0, 3).Sum(i => Math.Pow(t.SuggestFloat($"x{i}", -5, 5) - 1, 2));

    private static double Best(Sampler sampler, Func<Trial, double> objective, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(objective, nTrials: trials);
        return study.BestValue;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void FindsBetterPointsThanRandomSearchOnASphere(bool multivariate, bool group)
    {
        double tpe = 0, random = 0;
        for (int seed = 0; seed < 3; seed++)
        {
            tpe += Best(new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = multivariate, Group = group }), Sphere, 80);
            random += Best(new RandomSampler(new RandomSamplerOptions { Seed = seed }), Sphere, 80);
        }

        Assert.True(tpe < random / 3, $"TPE {tpe / 3} vs random {random / 3}");
        Assert.True(tpe / 3 < 0.5, $"TPE mean best {tpe / 3}");
    }

    // The TPE benchmark's finding in miniature: on a smooth 6-D problem the adaptive joint kernels (per-kernel
    // bandwidths, normalised, improvement-weighted) end far closer to the optimum than Optuna 3.1's common bandwidth.
    [Fact]
    public void AdaptiveJointKernelsBeatOptuna31sOnAShiftedSphere()
    {
        static double Shifted(Trial t) => Enumerable.Range(0, 6).Sum(i => Math.Pow(t.SuggestFloat($"x{i}", -5, 5) - 1.5, 2));
        double Median(TpeMultivariateKernels kernels) => Enumerable.Range(0, 5)
            .Select(seed => Best(new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, MultivariateKernels = kernels }), Shifted, 150))
            .Order().ElementAt(2);

        double adaptive = Median(TpeMultivariateKernels.Adaptive), optuna = Median(TpeMultivariateKernels.Optuna31);
        Assert.True(adaptive < optuna / 2, $"median best: adaptive {adaptive}, Optuna 3.1's {optuna}");
    }

    [Fact]
    public void ConcentratesOnTheGoodCategoryAndIntegerAfterStartup()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 4 }) });
        study.Optimize(t => (t.SuggestCategorical("c", ["bad", "good", "worse"]) switch { "good" => 0, "bad" => 5, _ => 10 })
            + Math.Abs(Math.Log(t.SuggestInt("n", 1, 1000, log: true) / 30.0)), nTrials: 80);
        var late = study.Trials.Skip(40).ToList();
        int good = late.Count(t => (string)t.Params["c"]! == "good"), near = late.Count(t => Math.Abs((long)t.Params["n"]! - 30) <= 15);
        Assert.True(good > 26 && near > 16, $"good {good}, near {near} of 40 (random: 13 and 5)");
    }

    [Fact]
    public void SameSeedSameTrialsAlsoInMultiObjectiveStudiesWithConstraints()
    {
        string Run()
        {
            var options = new TpeSamplerOptions { Seed = 5, NStartupTrials = 5, ConstraintsFunc = t => [0.5 - (double)t.Params["x"]!] };
            var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(options), Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
            study.Optimize(t =>
            {
                double x = t.SuggestFloat("x", 0, 1), y = t.SuggestFloat("y", 0, 1);
                return [x + y, 2 - x - (y * y)];
            }, new OptimizeOptions { NTrials = 30 });
            return string.Join(";", study.Trials.Select(t => $"{t.Params["x"]},{t.Params["y"]}"));
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void ConstraintsAreStoredAndSteerTowardsFeasiblePoints()
    {
        var options = new TpeSamplerOptions { Seed = 6, ConstraintsFunc = t => [(double)t.Params["x"]! + 5] };
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(options) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 3, 2), nTrials: 70);
        var first = study.Trials[0];
        var stored = Assert.IsAssignableFrom<System.Collections.IEnumerable>(first.SystemAttrs["constraints"]);
        Assert.Equal((double)first.Params["x"]! + 5, Convert.ToDouble(stored.Cast<object>().Single(), System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        int feasibleLate = study.Trials.Skip(40).Count(t => (double)t.Params["x"]! <= -5);
        Assert.True(feasibleLate >= 15, $"{feasibleLate} of 30 late trials feasible (random: 7.5)");
    }

    [Fact]
    public void NaNConstraintsFailWithAClearMessage()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { ConstraintsFunc = _ => [double.NaN] }) });
        var e = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 1));
        Assert.Contains("Constraint values cannot be NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedTrialsAreIgnoredAndPrunedOnesStillInform()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 7 }) });
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 10);
            if (t.Number % 4 == 1)
            {
                return double.NaN; // stored as failed
            }

            if (t.Number % 4 == 2)
            {
                t.Report((x - 7) * (x - 7), 1);
                throw new TrialPrunedException();
            }

            return (x - 7) * (x - 7);
        }, new OptimizeOptions { NTrials = 80, Catch = [typeof(InvalidOperationException)] });
        Assert.Contains(study.Trials, t => t.State == TrialState.Fail);
        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
        Assert.True(study.BestValue < 0.05, $"best {study.BestValue}");
    }

    [Fact]
    public void MultiObjectiveStudiesApproachTheParetoFront()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 8 }),
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        });
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1), y = t.SuggestFloat("y", 0, 1);
            return [x + (y * y), 1 - x - (y * y)]; // the front has y = 0
        }, new OptimizeOptions { NTrials = 60 });
        var late = study.Trials.Skip(30).Select(t => (double)t.Params["y"]!).Order().ToList();
        Assert.True(late[late.Count / 2] < 0.3, $"median y of late trials {late[late.Count / 2]}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConstantLiarSpreadsParallelWorkers(bool multivariate)
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 9, ConstantLiar = true, NStartupTrials = 5, Multivariate = multivariate });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(t => Math.Abs(t.SuggestFloat("x", -1, 1)), new OptimizeOptions { NTrials = 40, Parallelism = 4 });
        Assert.Equal(40, study.Trials.Count(t => t.State == TrialState.Complete));
        Assert.True(study.BestValue < 0.05, $"best {study.BestValue}");
    }
}
