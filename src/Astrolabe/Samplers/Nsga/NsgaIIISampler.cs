namespace Astrolabe;

/// <summary>
/// NSGA-III (Deb and Jain 2014), in the shape of Optuna's <c>NSGAIIISampler</c>: NSGA-II with the crowding distance
/// replaced by niching around reference points (<see cref="NsgaIIISamplerOptions.ReferencePoints"/>, by default Das
/// and Dennis's), which keeps the population spread over fronts of many objectives. Everything else, from constraints
/// and crossovers to the generation attribute <see cref="GenerationKey"/> shared by workers through the storage, is as
/// <see cref="NsgaIISampler"/>. The random tie-breaks of the niching are seeded by the sampler's seed and the generation,
/// so a seeded sampler keeps the same populations in every process. Thread-safe; reproducible for a seed in a
/// sequential study.
/// </summary>
public sealed class NsgaIIISampler : Sampler
{
    /// <summary>The trial system attribute holding its generation (0 for the first, random one).</summary>
    public const string GenerationKey = "nsga3:generation";

    private readonly NsgaEngine engine;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public NsgaIIISampler(NsgaIIISamplerOptions? options = null)
    {
        options ??= new NsgaIIISamplerOptions();
        var (settings, points) = options.Validate();
        var selection = new ReferencePointSelection(points, options.DividingParameter, settings.Seed ?? Random.Shared.Next());
        engine = new NsgaEngine(settings, new NsgaPopulation(GenerationKey, "nsga3:population", settings.PopulationSize, selection));
    }

    /// <inheritdoc />
    public override void BeforeTrial(Study study, FrozenTrial trial) => engine.BeforeTrial(study, trial);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) =>
        engine.InferRelativeSearchSpace(study, trial);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        engine.SampleRelative(study, trial, searchSpace);

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution) =>
        engine.SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc />
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values) =>
        engine.AfterTrial(study, trial, state, values);

    /// <inheritdoc />
    public override void Reseed(int? seed) => engine.Reseed(seed);
}
