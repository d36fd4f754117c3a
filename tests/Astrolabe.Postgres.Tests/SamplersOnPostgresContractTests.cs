namespace Astrolabe.Postgres.Tests;

// Every sampler's contract cases again, each study on PostgreSQL instead of in memory (as SQLite runs them), each
// suite as the rows of one theory (see ContractCases). The suite classes are not public: xunit runs them only here.

public sealed class BruteForceSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.BruteForceSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class CmaEsSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.CmaEs.CmaEsSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class CmaEsWithMarginOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.CmaEs.CmaEsWithMarginContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class GridSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.GridSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class HaltonSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.Qmc.HaltonSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class MultivariateGroupTpeSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.Tpe.MultivariateGroupTpeSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class RandomSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.RandomSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class SeparableCmaEsOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.CmaEs.SeparableCmaEsContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class SobolSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.Qmc.SobolSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}

public sealed class TpeSamplerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    internal sealed class Suite : Astrolabe.Tests.Samplers.Tpe.TpeSamplerContractTests, IDisposable
    {
        private readonly TestSchema schema = new();

        protected override IStorage CreateStorage() => schema.Open();

        public void Dispose() => schema.Dispose();
    }
}
