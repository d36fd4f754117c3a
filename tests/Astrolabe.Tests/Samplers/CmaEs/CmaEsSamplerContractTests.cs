namespace Astrolabe.Tests.Samplers.CmaEs;

public sealed class CmaEsSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed });
}

public sealed class CmaEsWithMarginContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, WithMargin = true, RestartStrategy = "ipop" });
}

public sealed class SeparableCmaEsContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, UseSeparableCma = true, RestartStrategy = "bipop" });
}
