namespace Astrolabe.Tests.Samplers.Gp;

public sealed class GpSamplerBadInputTests
{
    [Fact]
    public void NaNObjectivesFailTheirTrialsAndTheGpGoesOn()
    {
        var study = NewStudy(11);
        int calls = 0;
        study.Optimize(t =>
        {
            double value = GpSamplerTests.Sphere(2)(t);
            return calls++ % 3 == 0 ? double.NaN : value;
        }, nTrials: 24);
        AssertFiniteProposals(study);
        Assert.Equal(8, study.Trials.Count(t => t.State == TrialState.Fail));
        Assert.True(study.BestValue < 0.5, $"best {study.BestValue}");
    }

    [Fact]
    public void InfiniteValuesAreClippedToTheWorstFiniteOne()
    {
        var targets = GpSampler.Standardize([1, double.NegativeInfinity, 3, double.PositiveInfinity, double.NaN], out _, out _);
        Assert.All(targets, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(targets[0], targets[1]);
        Assert.Equal(targets[2], targets[3]);
        Assert.Equal([0.0, 0, 0], GpSampler.Standardize([double.NaN, double.PositiveInfinity, double.NegativeInfinity], out _, out _));
        Assert.Equal([0.0, 0], GpSampler.Standardize([5, 5], out _, out double scale));
        Assert.Equal(1, scale);
    }

    [Fact]
    public void AConstantObjectiveStillGivesValidProposals()
    {
        var study = NewStudy(12);
        study.Optimize(t => (GpSamplerTests.Sphere(3)(t) * 0) + 7, nTrials: 20);
        AssertFiniteProposals(study);
        Assert.True(study.Trials.Select(t => t.Params["x0"]).Distinct().Count() > 15, "the sampler kept proposing the same point: " + string.Join(" ", study.Trials.Select(t => $"({t.Params["x0"]:F3},{t.Params["x1"]:F3},{t.Params["x2"]:F3})")));
    }

    [Fact]
    public void ASingleValuedParameterIsLeftToItsOnlyValue()
    {
        var study = NewStudy(13);
        study.Optimize(t => GpSamplerTests.Sphere(2)(t) + t.SuggestInt("fixed", 4, 4) + t.SuggestFloat("pinned", 0.5, 0.5), nTrials: 15);
        AssertFiniteProposals(study);
        Assert.All(study.Trials, t => Assert.Equal(4L, t.Params["fixed"]));
    }

    [Fact]
    public void DuplicatePointsOfANoiselessObjectiveDoNotBreakTheFit()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 14, DeterministicObjective = true, NStartupTrials = 8 }) });
        for (int i = 0; i < 8; i++)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["x0"] = 1.5, ["x1"] = -2.0 });
        }

        study.Optimize(GpSamplerTests.Sphere(2), nTrials: 16);
        AssertFiniteProposals(study);
        Assert.True(study.BestValue < 9.25, $"best {study.BestValue}, no better than the duplicated point's 9.25");
    }

    [Fact]
    public void AOnlyCategoricalSpaceIsSearchedByCategory()
    {
        var study = NewStudy(15);
        study.Optimize(t => t.SuggestCategorical("a", ["p", "q", "r", "s"]) == "r" ? 0 : 1 + (t.SuggestCategorical("b", [true, false]) ? 1 : 0), nTrials: 15);
        Assert.Equal(0, study.BestValue);
        Assert.True(study.Trials.Skip(5).Count(t => (string)t.Params["a"]! == "r") >= 5, "the GP did not return to the best category");
    }

    [Fact]
    public void InvalidOptionsAreRefusedWithTheirName()
    {
        Assert.Contains("NStartupTrials", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { NStartupTrials = -1 })).Message);
        Assert.Contains("NPreliminarySamples", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { NPreliminarySamples = 0 })).Message);
        Assert.Contains("NLocalSearch", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { NLocalSearch = -2 })).Message);
    }

    [Fact]
    public void ANaNConstraintIsAClearError()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 16, ConstraintsFunc = _ => [double.NaN] }) });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(GpSamplerTests.Sphere(1), nTrials: 1));
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void LargeStudiesExtendTheFactorInsteadOfRefittingEveryTrial()
    {
        var sampler = new GpSampler(new GpSamplerOptions { Seed = 17, NPreliminarySamples = 64, NLocalSearch = 1 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(GpSamplerTests.Sphere(2), nTrials: 110);

        // Proposals 10…63 each fit (54); from 64 points on, a fit only when the points grew by 10 % since the last.
        int fits = sampler.FitsOf(study);
        Assert.InRange(fits, 54, 54 + 8);
        Assert.True(study.BestValue < 0.01, $"best {study.BestValue}");
    }

    private static Study NewStudy(int seed) =>
        Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = seed, NStartupTrials = 5 }) });

    private static void AssertFiniteProposals(Study study)
    {
        foreach (var t in study.Trials)
        {
            foreach (var (name, value) in t.InternalParams)
            {
                Assert.True(double.IsFinite(value) && t.Distributions[name].Contains(value), $"trial {t.Number}: {name} = {value}");
            }
        }
    }
}
