namespace Astrolabe;

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002), the elitist non-dominated sorting genetic algorithm, in the shape
/// of Optuna's <c>NSGAIISampler</c>: for one or several objectives, with or without constraints (Deb's constrained
/// domination). Each generation of <see cref="NsgaIISamplerOptions.PopulationSize"/> Complete trials, with the
/// previous parents, is ranked into non-dominated fronts and thinned by crowding distance into the next parents;
/// children come from binary tournaments, crossover (<see cref="NsgaIISamplerOptions.Crossover"/>) and mutation.
/// The generation of each trial is its system attribute <see cref="GenerationKey"/> (Optuna's) and each population is
/// cached in the study's system attributes, so workers in several processes on one storage share one population.
/// Parameters outside the space every Complete trial shares (conditional ones), mutated parameters and the whole
/// first generation are drawn uniformly at random. Thread-safe; reproducible for a seed in a sequential study.
/// </summary>
public sealed class NsgaIISampler : Sampler
{
    /// <summary>The trial system attribute holding its generation (0 for the first, random one).</summary>
    public const string GenerationKey = "nsga2:generation";

    private readonly NsgaEngine engine;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public NsgaIISampler(NsgaIISamplerOptions? options = null)
    {
        var settings = (options ?? new NsgaIISamplerOptions()).Validate();
        engine = new NsgaEngine(settings, new NsgaPopulation(GenerationKey, "nsga2:population", settings.PopulationSize, new CrowdingDistanceSelection()));
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
