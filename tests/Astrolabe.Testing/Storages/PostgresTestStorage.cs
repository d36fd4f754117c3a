using Astrolabe.Testing.Postgres;

namespace Astrolabe.Testing.Storages;

/// <summary>
/// Storages on throwaway schemas of the test server (see <see cref="PostgresServer"/>): one schema shared by
/// <see cref="Open()"/>, and one of its own for each <see cref="OpenNew"/>; every schema is dropped at the end.
/// </summary>
internal sealed class PostgresTestStorage : TestStorage
{
    private readonly List<TestSchema> schemas = [];
    private readonly Dictionary<IStorage, TestSchema> schemaOf = [];
    private TestSchema? shared;

    public override string Name => TestStorages.Postgres;

    public override IStorage Open() => Open(shared ??= NewSchema());

    public override IStorage OpenNew() => Open(NewSchema());

    public override IStorage Reopen(IStorage storage) => Open(schemaOf[storage]);

    protected override void Dispose(bool disposing) => schemas.ForEach(s => s.Dispose());

    private TestSchema NewSchema()
    {
        var schema = new TestSchema();
        schemas.Add(schema);
        return schema;
    }

    private PostgresStorage Open(TestSchema schema)
    {
        var storage = schema.Open();
        schemaOf[storage] = schema;
        return storage;
    }
}
