namespace Astrolabe.Tests.Samplers.Nsga;

public sealed class NsgaIIISamplerTests
{
    [Theory]
    [InlineData(2, 3, 4)]
    [InlineData(3, 3, 10)]
    [InlineData(3, 4, 15)]
    [InlineData(5, 2, 15)]
    public void DasDennisGivesEveryCompositionOnce(int objectives, int divisions, int count)
    {
        var points = DasDennis.Points(objectives, divisions);
        Assert.Equal(count, points.Length);
        Assert.All(points, p => Assert.Equal(divisions, p.Sum()));
        Assert.Equal(count, points.Select(p => string.Join(",", p)).Distinct().Count());
    }

    [Fact]
    public void NormalisationMapsTheExtremePointsOntoTheUnitAxes()
    {
        double[][] keys = [[1, 5, 2], [3, 1, 2], [1, 1, 6], [2, 2, 3]];
        var normalised = ReferencePointSelection.Normalise(keys);
        double[][] expected = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0.5, 0.25, 0.25]];
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i][j], normalised[i][j], 9);
            }
        }
    }

    [Fact]
    public void InfiniteValuesAreNormalisedAsTheirColumnsExtremes()
    {
        var normalised = ReferencePointSelection.Normalise([[double.PositiveInfinity, 0], [1, 1], [0, double.NegativeInfinity], [0.5, 2]]);
        Assert.All(normalised.SelectMany(r => r), v => Assert.True(double.IsFinite(v), $"{v}"));
        Assert.Equal(normalised[1][0], normalised[0][0]);
    }

    [Fact]
    public void MembersGoToTheirNearestReferenceLine()
    {
        var (closest, distance) = ReferencePointSelection.Associate([[1, 0.1], [0.5, 0.5], [0, 2]], [[1, 0], [1, 1], [0, 1]]);
        Assert.Equal([0, 1, 2], closest);
        Assert.Equal(0.1, distance[0], 12);
        Assert.Equal(0, distance[1], 12);
        Assert.Equal(0, distance[2], 12);
    }

    [Fact]
    public void KeepsTheThreeObjectiveFrontSpreadOverTheReferencePoints()
    {
        // DTLZ2 with 6 variables: the front is the positive octant of the unit sphere.
        var study = Study.Create(new StudyOptions
        {
            Sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 1, PopulationSize = 20 }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize],
        });
        study.Optimize(Dtlz2(6), nTrials: 400);
        var random = Study.Create(new StudyOptions
        {
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize],
        });
        random.Optimize(Dtlz2(6), nTrials: 400);
        double[] reference = [2, 2, 2];
        double ours = NsgaProblems.HypervolumeOf(study, reference), theirs = NsgaProblems.HypervolumeOf(random, reference);
        Assert.True(ours > theirs, $"NSGA-III hypervolume {ours}, random {theirs}");
        Assert.Equal(
            Enumerable.Range(0, 400).Select(i => i / 20),
            study.Trials.Select(t => Convert.ToInt32(t.SystemAttrs[NsgaIIISampler.GenerationKey], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrials()
    {
        static string Run()
        {
            var study = Study.Create(new StudyOptions
            {
                Sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 2, PopulationSize = 8, ReferencePoints = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]] }),
                Directions = [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Maximize],
            });
            study.Optimize(Dtlz2(4), nTrials: 60);
            return string.Join(";", study.Trials.Select(t => string.Join(",", t.InternalParams.Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
        }

        Assert.Equal(Run(), Run());
    }

    internal static Func<Trial, IReadOnlyList<double>> Dtlz2(int n) => t =>
    {
        var x = Enumerable.Range(0, n).Select(i => t.SuggestFloat($"x{i}", 0, 1)).ToArray();
        double g = x.Skip(2).Sum(v => (v - 0.5) * (v - 0.5));
        double a = x[0] * Math.PI / 2, b = x[1] * Math.PI / 2;
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    };
}
