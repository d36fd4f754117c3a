namespace Astrolabe.Tests.Samplers.CmaEs;

public class CmaEsSamplerContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed });
}

public class CmaEsWithMarginContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, WithMargin = true, RestartStrategy = CmaRestartStrategy.Ipop });
}

public class SeparableCmaEsContractTests : SamplerContractTests
{
    protected override Sampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, UseSeparableCma = true, RestartStrategy = CmaRestartStrategy.Bipop });
}
