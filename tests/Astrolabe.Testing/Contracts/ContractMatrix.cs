using Astrolabe.Testing.Storages;

namespace Astrolabe.Testing.Contracts;

/// <summary>
/// The one matrix of contract cases: every sampler configuration (<see cref="SamplerSetups"/>), every storage kind
/// (<see cref="TestStorages"/>) and every pruner, each with every case of its contract. Each row is the theory data
/// of a <see cref="ContractTheoryAttribute"/> theory, storage kind first, so that a test's name says the storage,
/// the sampler or pruner, and the case; running a row opens the storage kind afresh and closes it after.
/// </summary>
public static class ContractMatrix
{
    /// <summary>Rows (storage, sampler, case) of <see cref="SamplerContract"/>.</summary>
    public static TheoryData<string, string, string> SamplerRows()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (string storage in TestStorages.Names)
        {
            foreach (var sampler in SamplerSetups.All)
            {
                foreach (var c in SamplerContract.Cases)
                {
                    rows.Add(storage, sampler.Name, c.Name);
                }
            }
        }

        return rows;
    }

    /// <summary>Rows (storage, case) of <see cref="StorageContract"/>.</summary>
    public static TheoryData<string, string> StorageRows()
    {
        var rows = new TheoryData<string, string>();
        foreach (string storage in TestStorages.Names)
        {
            foreach (var c in StorageContract.Cases)
            {
                rows.Add(storage, c.Name);
            }
        }

        return rows;
    }

    /// <summary>Rows (storage, pruner, case) of <see cref="PrunerContract"/>.</summary>
    public static TheoryData<string, string, string> PrunerRows()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (string storage in TestStorages.Names)
        {
            foreach (string pruner in PrunerContract.Pruners)
            {
                foreach (var c in PrunerContract.Cases)
                {
                    rows.Add(storage, pruner, c.Name);
                }
            }
        }

        return rows;
    }

    /// <summary>Runs one case of the sampler contract with one sampler configuration on a fresh storage of one kind.</summary>
    public static async Task RunSampler(string storage, string sampler, string @case)
    {
        var setup = SamplerSetups.Find(sampler);
        var run = ContractCase.Find(SamplerContract.Cases, @case);
        using var storages = TestStorages.Create(storage);
        await run.Run(new SamplerContract(setup, storages));
    }

    /// <summary>Runs one case of the storage contract on a fresh storage of one kind.</summary>
    public static async Task RunStorage(string storage, string @case)
    {
        var run = ContractCase.Find(StorageContract.Cases, @case);
        using var storages = TestStorages.Create(storage);
        await run.Run(new StorageContract(storages));
    }

    /// <summary>Runs one case of the pruner contract with one pruner on a fresh storage of one kind.</summary>
    public static async Task RunPruner(string storage, string pruner, string @case)
    {
        var run = ContractCase.Find(PrunerContract.Cases, @case);
        if (!PrunerContract.Pruners.Contains(pruner))
        {
            throw new ArgumentException($"No pruner named '{pruner}'; they are {string.Join(", ", PrunerContract.Pruners)}.", nameof(pruner));
        }

        using var storages = TestStorages.Create(storage);
        await run.Run(new PrunerContract(pruner, storages));
    }
}
