namespace Astrolabe.Tests.Samplers.Tpe;

public class TpeSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new TpeSampler(new TpeSamplerOptions { Seed = seed });
}

public class MultivariateGroupTpeSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) =>
        new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, Group = true, ConstantLiar = true });
}
