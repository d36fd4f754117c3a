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
