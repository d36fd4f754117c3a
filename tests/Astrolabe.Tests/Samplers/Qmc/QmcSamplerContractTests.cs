namespace Astrolabe.Tests.Samplers.Qmc;

public sealed class SobolSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new QmcSampler(new QmcSamplerOptions { Seed = seed });
}

public sealed class HaltonSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new QmcSampler(new QmcSamplerOptions { Seed = seed, QmcType = "halton" });
}
