using Astrolabe.Testing.Contracts;

namespace Astrolabe.Tests.Samplers;

/// <summary>The sampler contract: every sampler configuration on every storage kind, every case (see <see cref="ContractMatrix"/>).</summary>
public sealed class SamplerContractTests
{
    public static TheoryData<string, string, string> Rows => ContractMatrix.SamplerRows();

    [ContractTheory]
    [MemberData(nameof(Rows))]
    public Task Holds(string storage, string sampler, string @case) => ContractMatrix.RunSampler(storage, sampler, @case);

    [Fact]
    public void EverySamplerRunsEveryCaseOnEveryStorage()
    {
        string[] families = ["Random", "Grid", "BruteForce", "TPE", "CMA-ES", "QMC", "NSGA-II", "NSGA-III"];
        string[] storages = ["in memory", "SQLite", "PostgreSQL"];
        Assert.True(SamplerContract.Cases.Count >= 6, $"only {SamplerContract.Cases.Count} sampler contract cases found");
        var rows = Rows.Select(r => (Storage: (string)r[0], Sampler: (string)r[1], Case: (string)r[2])).ToList();
        foreach (string storage in storages)
        {
            foreach (string family in families)
            {
                var samplers = rows.Where(r => r.Storage == storage && r.Sampler.StartsWith(family, StringComparison.Ordinal)).GroupBy(r => r.Sampler).ToList();
                Assert.True(samplers.Count > 0, $"no {family} sampler on {storage}");
                Assert.All(samplers, s => Assert.Equal(SamplerContract.Cases.Select(c => c.Name), s.Select(r => r.Case)));
            }
        }

        Assert.Equal(storages.Length * SamplerSetups.All.Count * SamplerContract.Cases.Count, rows.Distinct().Count());
    }
}
