namespace Astrolabe.Tests.Samplers.Qmc;

public class SobolSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new QmcSampler(new QmcSamplerOptions { Seed = seed });
}

public class HaltonSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new QmcSampler(new QmcSamplerOptions { Seed = seed, QmcType = QmcSequence.Halton });
}
