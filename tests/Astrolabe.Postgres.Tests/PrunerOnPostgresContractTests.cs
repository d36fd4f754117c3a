namespace Astrolabe.Postgres.Tests;

/// <summary>
/// The pruner contract suite on PostgreSQL (as SQLite runs it): every storage a case creates is its own empty
/// schema. Its cases are the rows of one theory (see <see cref="ContractCases"/>).
/// </summary>
public sealed class PrunerOnPostgresContractTests
{
    public static TheoryData<string> Cases() => ContractCases.Of(typeof(Suite));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        ContractCases.Run(suite, name);
    }

    [Fact]
    public void TheSuiteHasCases() => Assert.True(Cases().Count >= 10, $"only {Cases().Count} pruner contract cases found");

    /// <summary>Not public: xunit runs it only through <see cref="Contract"/>.</summary>
    internal sealed class Suite : Astrolabe.Tests.Pruners.PrunerContractTests, IDisposable
    {
        private readonly List<TestSchema> schemas = [];

        protected override IStorage CreateStorage()
        {
            var schema = new TestSchema();
            schemas.Add(schema);
            return schema.Open();
        }

        public void Dispose() => schemas.ForEach(s => s.Dispose());
    }
}
