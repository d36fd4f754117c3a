namespace Astrolabe.Sqlite.Tests;

// Every sampler's contract cases again, each study on a SQLite file instead of in memory.

public sealed class BruteForceSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.BruteForceSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class CmaEsSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.CmaEs.CmaEsSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class CmaEsWithMarginOnSqliteContractTests : Astrolabe.Tests.Samplers.CmaEs.CmaEsWithMarginContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class GridSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.GridSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class HaltonSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.Qmc.HaltonSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class MultivariateGroupTpeSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.Tpe.MultivariateGroupTpeSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class SeparableCmaEsOnSqliteContractTests : Astrolabe.Tests.Samplers.CmaEs.SeparableCmaEsContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class SobolSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.Qmc.SobolSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}

public sealed class TpeSamplerOnSqliteContractTests : Astrolabe.Tests.Samplers.Tpe.TpeSamplerContractTests, IDisposable
{
    private readonly SqliteFiles files = new();

    protected override IStorage CreateStorage() => files.Open();

    public void Dispose() => files.Dispose();
}
