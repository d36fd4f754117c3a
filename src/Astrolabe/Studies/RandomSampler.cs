namespace Astrolabe;

/// <summary>
/// Independent uniform sampling: uniform in [low, high] (in log space for log distributions, over the
/// grid for stepped ones), uniform over categories. Reproducible for a given seed in a sequential study.
/// </summary>
public sealed class RandomSampler : Sampler
{
    private readonly Lock gate = new();
    private Random rng;

    /// <summary>Creates the sampler.</summary>
    public RandomSampler(RandomSamplerOptions? options = null)
    {
        rng = SeededRandom.Create(options?.Seed);
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        lock (gate)
        {
            return Sample(rng, distribution);
        }
    }

    /// <inheritdoc />
    public override void Reseed(int? seed)
    {
        lock (gate)
        {
            rng = SeededRandom.Create(seed);
        }
    }

    /// <summary>Draws one uniform value of a distribution with the given generator.</summary>
    internal static double Sample(Random rng, Distribution distribution) => distribution switch
    {
        FloatDistribution { Log: true } f => Math.Clamp(Math.Exp(Uniform(rng, Math.Log(f.Low), Math.Log(f.High))), f.Low, f.High),
        FloatDistribution { Step: { } s } f => f.Snap(f.Low + (rng.NextInt64(((long)Math.Round((f.High - f.Low) / s)) + 1) * s)),
        FloatDistribution f => Uniform(rng, f.Low, f.High),
        IntDistribution { Log: true } i => i.Snap(Math.Exp(Uniform(rng, Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)))),
        IntDistribution i => i.Low + (rng.NextInt64(i.Count) * i.Step),
        CategoricalDistribution c => rng.Next(c.Choices.Count),
        _ => throw new ArgumentException($"Unknown distribution {distribution}."),
    };

    private static double Uniform(Random rng, double low, double high) => low + (rng.NextDouble() * (high - low));
}
