using System.Globalization;

namespace Astrolabe.Tests.Samplers.Qmc;

public sealed class QmcSamplerTests
{
    [Theory]
    [InlineData(QmcSequence.Sobol)]
    [InlineData(QmcSequence.Halton)]
    public void StarDiscrepancyOf2DPointsIsLowerThanRandom(QmcSequence type)
    {
        const int n = 128;
        var qmc = Points(new QmcSampler(new QmcSamplerOptions { QmcType = type, Seed = 3 }), n);
        double qmcDiscrepancy = StarDiscrepancy.Of(qmc);
        for (int seed = 0; seed < 5; seed++)
        {
            var random = Points(new RandomSampler(new RandomSamplerOptions { Seed = seed }), n);
            Assert.True(qmcDiscrepancy < StarDiscrepancy.Of(random) / 2, $"{type}: {qmcDiscrepancy} vs random seed {seed}: {StarDiscrepancy.Of(random)}");
        }
    }

    [Fact]
    public void UnscrambledSobolSkipsTheOriginAndFollowsTheSequence()
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Scramble = false, Seed = 1 }) });
        study.Optimize(t => t.SuggestFloat("a", 0, 1) + t.SuggestFloat("b", -1, 1), nTrials: 5);
        var trials = study.Trials;
        // Trial 0 defines the space (independent); trial k then takes the point with sequence index k + 1.
        Assert.Equal(new[] { 0.75, 0.25, 0.375 }, trials.Skip(1).Take(3).Select(t => (double)t.Params["a"]!));
        Assert.Equal(new[] { -0.5, 0.5, -0.25 }, trials.Skip(1).Take(3).Select(t => (double)t.Params["b"]!));
    }

    [Fact]
    public void ParallelWorkersNeverDrawTheSameIndex()
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 5 }) });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestInt("k", 0, 9), new OptimizeOptions { NTrials = 64, Parallelism = 4 });
        var indices = study.Trials.Select(t => Convert.ToInt64(t.SystemAttrs[QmcSampler.IndexAttr], CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (long)i), indices);
        Assert.Equal(63, study.Trials.Skip(1).Select(t => ((double)t.Params["x"]!, (long)t.Params["k"]!)).Distinct().Count());
    }

    [Fact]
    public void MapsIntegerLogAndCategoricalParametersIntoTheirDistributions()
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { QmcType = QmcSequence.Halton, Seed = 2 }) });
        study.Optimize(t =>
        {
            double lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
            int k = t.SuggestInt("k", 1, 100, log: true);
            string c = t.SuggestCategorical("c", new[] { "a", "b", "c" });
            return lr + k + c.Length;
        }, nTrials: 60);
        var rest = study.Trials.Skip(1).ToList();
        Assert.Equal(3, rest.Select(t => t.Params["c"]).Distinct().Count());
        Assert.Contains(rest, t => (double)t.Params["lr"]! < 1e-4);
        Assert.Contains(rest, t => (double)t.Params["lr"]! > 1e-2);
    }

    [Fact]
    public void SameSeedGivesTheSameScrambledPoints()
    {
        Assert.Equal(Points(new QmcSampler(new QmcSamplerOptions { Seed = 9 }), 10), Points(new QmcSampler(new QmcSamplerOptions { Seed = 9 }), 10));
        Assert.NotEqual(Points(new QmcSampler(new QmcSamplerOptions { Seed = 9 }), 10), Points(new QmcSampler(new QmcSamplerOptions { Seed = 10 }), 10));
    }

    [Fact]
    public void UnknownSequenceTypeIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new QmcSampler(new QmcSamplerOptions { QmcType = (QmcSequence)7 }));
        Assert.Contains("Unknown QmcType '7'; use Sobol or Halton", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QmcSequence.Sobol, true, "qmc:sobol:scrambled:4")]
    [InlineData(QmcSequence.Halton, false, "qmc:halton:plain:4")]
    public void TheSequenceCounterKeepsItsStoredNameSoAResumedStudyContinuesTheSequence(QmcSequence type, bool scramble, string key)
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { Storage = storage, Sampler = new QmcSampler(new QmcSamplerOptions { QmcType = type, Scramble = scramble, Seed = 4 }) });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 3);
        Assert.Equal(3, storage.NextCounterValue(study.StudyId, key));
    }

    /// <summary>The 2-D points of trials 1 … n (trial 0 fixes the search space).</summary>
    private static List<(double X, double Y)> Points(Sampler sampler, int n)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestFloat("y", 0, 1), nTrials: n + 1);
        return study.Trials.Skip(1).Select(t => ((double)t.Params["x"]!, (double)t.Params["y"]!)).ToList();
    }
}
