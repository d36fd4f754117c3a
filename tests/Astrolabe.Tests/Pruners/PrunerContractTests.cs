using Astrolabe.Testing.Contracts;

namespace Astrolabe.Tests.Pruners;

/// <summary>The pruner contract: every pruner on every storage kind, every case (see <see cref="ContractMatrix"/>).</summary>
public sealed class PrunerContractTests
{
    public static TheoryData<string, string, string> Rows => ContractMatrix.PrunerRows();

    [ContractTheory]
    [MemberData(nameof(Rows))]
    public Task Holds(string storage, string pruner, string @case) => ContractMatrix.RunPruner(storage, pruner, @case);

    [Fact]
    public void TheSuiteFindsItsCases() => Assert.True(PrunerContract.Cases.Count >= 5, $"only {PrunerContract.Cases.Count} pruner contract cases found");
}
