namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class TpeSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new TpeSampler(new TpeSamplerOptions { Seed = seed });
}

public sealed class MultivariateGroupTpeSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) =>
        new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, Group = true, ConstantLiar = true });
}
