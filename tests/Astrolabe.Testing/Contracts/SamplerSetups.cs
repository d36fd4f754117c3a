namespace Astrolabe.Testing.Contracts;

/// <summary>Every sampler configuration the sampler contract runs: each sampler, and the variants that take other paths.</summary>
public static class SamplerSetups
{
    /// <summary>Every configuration, in the matrix's order.</summary>
    public static IReadOnlyList<SamplerSetup> All { get; } =
    [
        new("Random", seed => new RandomSampler(new RandomSamplerOptions { Seed = seed })),
        new("Grid", Grid, FiniteOnly: true),
        new("BruteForce", seed => new BruteForceSampler(new BruteForceSamplerOptions { Seed = seed }), FiniteOnly: true),
        new("TPE", seed => new TpeSampler(new TpeSamplerOptions { Seed = seed })),
        new("TPE multivariate group constant-liar", seed =>
            new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, Group = true, ConstantLiar = true })),
        new("CMA-ES", seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed })),
        new("CMA-ES with margin IPOP", seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, WithMargin = true, RestartStrategy = CmaRestartStrategy.Ipop })),
        new("CMA-ES separable BIPOP", seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, UseSeparableCma = true, RestartStrategy = CmaRestartStrategy.Bipop })),
        new("QMC Sobol", seed => new QmcSampler(new QmcSamplerOptions { Seed = seed })),
        new("QMC Halton", seed => new QmcSampler(new QmcSamplerOptions { Seed = seed, QmcType = QmcSequence.Halton })),
        new("GP", seed => new GpSampler(new GpSamplerOptions { Seed = seed, NStartupTrials = 3 })),
        new("GP deterministic constrained", seed => new GpSampler(new GpSamplerOptions
        {
            Seed = seed,
            NStartupTrials = 3,
            DeterministicObjective = true,
            ConstraintsFunc = t => [t.Values is { Count: > 0 } v && double.IsFinite(v[0]) ? v[0] - 10 : 0],
        })),
        new("NSGA-II", seed => new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed, PopulationSize = 6 })),
        new("NSGA-II SBX constrained", seed => new NsgaIISampler(new NsgaIISamplerOptions
        {
            Seed = seed,
            PopulationSize = 5,
            Crossover = new SbxCrossover(),
            ConstraintsFunc = t => [t.Values is { Count: > 0 } v && double.IsFinite(v[0]) ? v[0] - 10 : 0],
        })),
        new("NSGA-III", seed => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed, PopulationSize = 6 })),
        new("Auto", seed => new AutoSampler(new AutoSamplerOptions { Seed = seed, GpBudget = 8 })),
    ];

    /// <summary>The configuration named <paramref name="name"/>.</summary>
    public static SamplerSetup Find(string name) =>
        All.SingleOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"No sampler configuration named '{name}'; they are {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    /// <summary>A grid over every parameter the contract's cases suggest, a few points each.</summary>
    private static GridSampler Grid(int seed) => new(new GridSamplerOptions
    {
        Seed = seed,
        SearchSpace = new Dictionary<string, IReadOnlyList<object?>>
        {
            ["a"] = [-2.0, 0.5, 3.0],
            ["b"] = [0.0, 1.0],
            ["c"] = [0.0, 0.25, 1.0],
            ["n"] = [3, 9, 15],
            ["m"] = [1, 64],
            ["k"] = ["x", "z"],
            ["q"] = [1, 4],
            ["h"] = [0.5, 1.5],
            ["i"] = [0, 3, 7],
            ["f"] = [0.5, 2.0],
            ["model"] = ["mlp", "cnn"],
            ["layers"] = [1, 4],
            ["channels"] = [8, 32],
            ["pool"] = ["max"],
            ["x"] = [0, 4, 6, 9],
        },
    });
}
