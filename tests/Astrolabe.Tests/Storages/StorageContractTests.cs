using Astrolabe.Testing.Contracts;

namespace Astrolabe.Tests.Storages;

/// <summary>The storage contract: every storage kind, every case (see <see cref="ContractMatrix"/>).</summary>
public sealed class StorageContractTests
{
    public static TheoryData<string, string> Rows => ContractMatrix.StorageRows();

    [ContractTheory]
    [MemberData(nameof(Rows))]
    public Task Holds(string storage, string @case) => ContractMatrix.RunStorage(storage, @case);

    [Fact]
    public void TheSuiteFindsItsCases() => Assert.True(StorageContract.Cases.Count >= 20, $"only {StorageContract.Cases.Count} storage contract cases found");
}
