using System.Reflection;
using Astrolabe.Tests.Storages;

namespace Astrolabe.Postgres.Tests;

/// <summary>
/// The storage contract suite on PostgreSQL. Each case of <see cref="StorageContractTests"/> runs as a row of
/// one theory, so that the whole suite is skipped (with the reason) when no server can be had.
/// </summary>
public sealed class PostgresStorageContractTests
{
    public static TheoryData<string> Cases() => new(typeof(StorageContractTests)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
        .Select(m => m.Name)
        .Order(StringComparer.Ordinal));

    [PostgresTheory]
    [MemberData(nameof(Cases))]
    public void Contract(string name)
    {
        using var suite = new Suite();
        var method = typeof(StorageContractTests).GetMethod(name)!;
        try
        {
            var result = method.Invoke(suite, null);
            (result as Task)?.GetAwaiter().GetResult();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    [PostgresFact]
    public void TheSuiteHasCases() => Assert.True(Cases().Count >= 10, $"only {Cases().Count} contract cases found");

    /// <summary>Not public: xunit runs it only through <see cref="Contract"/>.</summary>
    internal sealed class Suite : StorageContractTests, IDisposable
    {
        private readonly List<TestSchema> schemas = [];
        private readonly Dictionary<IStorage, TestSchema> schemaOf = [];

        protected override IStorage CreateStorage()
        {
            var schema = new TestSchema();
            schemas.Add(schema);
            return Open(schema);
        }

        protected override IStorage Reopen(IStorage storage) => Open(schemaOf[storage]);

        public void Dispose() => schemas.ForEach(s => s.Dispose());

        private PostgresStorage Open(TestSchema schema)
        {
            var storage = schema.Open();
            schemaOf[storage] = schema;
            return storage;
        }
    }
}
