namespace Astrolabe;

/// <summary>
/// What <see cref="NsgaIISampler"/> and <see cref="NsgaIIISampler"/> share, in Optuna's shape: when a trial starts
/// it takes the parents of the latest full generation (<see cref="NsgaPopulation"/>) and records its own generation;
/// the joint space (the parameters every Complete trial has, with one distribution) is then sampled as a child of
/// those parents, by crossover with probability <see cref="NsgaSettings.CrossoverProbability"/> or else as a copy of
/// a random parent, each parameter then mutated with the mutation probability (default 1 / the number of
/// parameters): a mutated parameter, every parameter of the first generation, and every parameter outside the joint
/// space, is drawn by a <see cref="RandomSampler"/>. Constraint values are stored when a trial finishes
/// (<see cref="TrialConstraints"/>). Thread-safe.
/// </summary>
internal sealed class NsgaEngine
{
    private const int MaxOpenStudies = 64;
    private const int MaxPendingTrials = 10_000;
    private readonly Lock gate = new();
    private readonly NsgaSettings settings;
    private readonly NsgaPopulation population;
    private readonly Dictionary<(IStorage Storage, int StudyId), SpaceMemo> spaces = [];
    private readonly Dictionary<(IStorage Storage, int StudyId), int> constraintCounts = [];
    private readonly Dictionary<long, Pending> pending = [];
    private List<FrozenTrial>? lastParents;
    private List<NsgaDominance.Member> lastMembers = [];
    private RandomSampler random;
    private Random rng;

    public NsgaEngine(NsgaSettings settings, NsgaPopulation population)
    {
        this.settings = settings;
        this.population = population;
        (random, rng) = Generators(settings.Seed);
    }

    /// <summary>The system attribute holding a trial's generation.</summary>
    public string GenerationKey => population.GenerationKey;

    public void BeforeTrial(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var dominance = Dominance(study);
        var (generation, parents) = population.Collect(study, dominance);
        study.Storage.SetTrialSystemAttr(trial.TrialId, population.GenerationKey, generation + 1);
        lock (gate)
        {
            if (pending.Count >= MaxPendingTrials)
            {
                pending.Clear();
            }

            // Trials of one generation share its parents (the same list): their members are made once.
            if (!ReferenceEquals(lastParents, parents))
            {
                (lastParents, lastMembers) = (parents, [.. parents.Select(dominance.Of)]);
            }

            pending[trial.TrialId] = new Pending(generation, lastMembers);
        }
    }

    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        SpaceMemo known;
        int first;
        lock (gate)
        {
            var key = (study.Storage, study.StudyId);
            if (!spaces.TryGetValue(key, out known!))
            {
                if (spaces.Count >= MaxOpenStudies)
                {
                    spaces.Clear();
                }

                spaces[key] = known = new SpaceMemo();
            }

            first = known.Prefix;
        }

        // Read outside the lock (a database read can take a while); another thread may have gone further meanwhile.
        var fresh = study.TrialsFrom(first);
        lock (gate)
        {
            // Trials before the prefix are finished and taken in; later Complete ones are taken in once (by id).
            bool extending = true;
            for (int j = 0; j < fresh.Count; j++)
            {
                if (fresh[j].State == TrialState.Complete)
                {
                    known.Space.Add(fresh[j]);
                }

                extending &= fresh[j].State.IsFinished();
                if (extending)
                {
                    known.Prefix = Math.Max(known.Prefix, first + j + 1);
                }
            }

            if (known.Sampleable is null || known.SampleableVersion != known.Space.Version)
            {
                (known.Sampleable, known.SampleableVersion) = (IntersectionSearchSpace.Sampleable(known.Space.Space), known.Space.Version);
            }

            return known.Sampleable;
        }
    }

    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        lock (gate)
        {
            if (!pending.Remove(trial.TrialId, out var state) || state.Generation < 0 || searchSpace.Count == 0)
            {
                return new Dictionary<string, double>();
            }

            var dominance = Dominance(study);
            var child = rng.NextDouble() < settings.CrossoverProbability
                ? NsgaOffspring.Cross(state.Parents, searchSpace, settings, dominance, rng)
                : searchSpace.Keys.ToDictionary(n => n, n => state.Parents[rng.Next(state.Parents.Count)].Trial.InternalParams[n]);
            double mutation = settings.MutationProbability ?? (1.0 / Math.Max(1, child.Count));
            var kept = new Dictionary<string, double>(child.Count);
            foreach (var (name, value) in child)
            {
                if (rng.NextDouble() >= mutation)
                {
                    kept[name] = value;
                }
            }

            return kept;
        }
    }

    public double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution) =>
        random.SampleIndependent(study, trial, name, distribution);

    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        lock (gate)
        {
            pending.Remove(trial.TrialId);
        }

        if (settings.ConstraintsFunc is { } constraints)
        {
            TrialConstraints.Store(study, trial, state, values, t => Counted(study, t, constraints(t) ?? throw new InvalidOperationException("The constraints function returned null.")));
        }
    }

    public void Reseed(int? seed)
    {
        lock (gate)
        {
            (random, rng) = Generators(seed);
        }
    }

    private static (RandomSampler Random, Random Rng) Generators(int? seed) =>
        (new RandomSampler(new RandomSamplerOptions { Seed = seed is { } s ? unchecked((s * 7919) + 1) : null }), SeededRandom.Create(seed));

    private NsgaDominance Dominance(Study study) => new(study.Directions, settings.ConstraintsFunc is not null);

    /// <summary>
    /// The constraint values, unchanged, after checking that their count is the one the study's earlier trials stored
    /// (the first count seen, in this process or read from the storage, is the study's).
    /// </summary>
    private IReadOnlyList<double> Counted(Study study, FrozenTrial trial, IReadOnlyList<double> values)
    {
        var key = (study.Storage, study.StudyId);
        int expected;
        lock (gate)
        {
            if (!constraintCounts.TryGetValue(key, out expected))
            {
                expected = study.Trials.Select(ConstraintValues.Read).FirstOrDefault(c => c is not null)?.Length ?? values.Count;
                if (constraintCounts.Count >= MaxOpenStudies)
                {
                    constraintCounts.Clear();
                }

                constraintCounts[key] = expected;
            }
        }

        if (values.Count != expected)
        {
            throw new InvalidOperationException(
                $"The constraints function returned {values.Count} value(s) for trial {trial.Number}, but earlier trials of the study have {expected}; it must return the same number for every trial.");
        }

        return values;
    }

    /// <summary>
    /// A study's intersection space, how many of its first trials (all finished) it has taken in, and its sampleable
    /// part as of a version of the space (the same instance while the space stays the same, which
    /// <see cref="NsgaOffspring"/> keys its own memo on).
    /// </summary>
    private sealed class SpaceMemo
    {
        public IntersectionSearchSpace Space { get; } = new();

        public int Prefix { get; set; }

        public IReadOnlyDictionary<string, Distribution>? Sampleable { get; set; }

        public int SampleableVersion { get; set; }
    }

    /// <summary>What a started trial took from its parents' generation.</summary>
    private sealed record Pending(int Generation, List<NsgaDominance.Member> Parents);
}
