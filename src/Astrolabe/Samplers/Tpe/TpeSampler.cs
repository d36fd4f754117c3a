namespace Astrolabe;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023), in Optuna's shape. After
/// <see cref="TpeSamplerOptions.NStartupTrials"/> random trials, finished trials are split into a good
/// fraction (<see cref="TpeSamplerOptions.Gamma"/>) and the rest; a Parzen estimator is fitted to each,
/// <see cref="TpeSamplerOptions.NEiCandidates"/> candidates are drawn from the good one, and the candidate
/// with the largest density ratio good / rest is returned. Univariate by default (one estimator per
/// parameter, exactly Optuna 3.1's); multivariate samples the parameters every trial shares jointly, and with
/// groups each set of parameters that appear together, through adaptive joint kernels unless
/// <see cref="TpeSamplerOptions.MultivariateKernels"/> asks for Optuna 3.1's. Pruned trials rank after complete
/// ones (deeper steps first; with several objectives all alike, as Optuna 4 ranks them, not ignored as 3.1 did),
/// failed trials are ignored, running ones count as the worst under the constant liar; several objectives split by
/// non-domination rank and hypervolume; constraints put feasible trials first.
/// Thread-safe; reproducible for a seed in a sequential study.
/// </summary>
public sealed partial class TpeSampler : Sampler
{
    private const int MaxOpenContexts = 256;
    private readonly Lock gate = new();
    private readonly TpeSamplerOptions options;
    private readonly Dictionary<(IStorage Storage, int StudyId), StudyState> studies = [];
    private Random rng;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public TpeSampler(TpeSamplerOptions? options = null)
    {
        this.options = options ?? new TpeSamplerOptions();
        this.options.Validate();
        rng = SeededRandom.Create(this.options.Seed);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!options.Multivariate)
        {
            return base.InferRelativeSearchSpace(study, trial);
        }

        lock (gate)
        {
            var tracker = State(study).Spaces;
            tracker.Update(study.GetTrials(TrialState.Complete, TrialState.Pruned));
            var spaces = options.Group ? tracker.Groups : [tracker.Intersection];
            return IntersectionSearchSpace.Sampleable(spaces.SelectMany(space => space.OrderBy(kv => kv.Key, StringComparer.Ordinal)));
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var result = new Dictionary<string, double>();
        if (searchSpace.Count == 0)
        {
            return result;
        }

        lock (gate)
        {
            var state = State(study);
            var context = Context(study, trial, state);
            if (context.Finished < options.NStartupTrials)
            {
                return result;
            }

            var spaces = options.Group ? state.Spaces.Groups : [searchSpace];
            foreach (var space in spaces)
            {
                var names = space.Keys.Where(n => searchSpace.TryGetValue(n, out var d) && d.Equals(space[n]))
                    .Order(StringComparer.Ordinal).ToArray();
                if (names.Length == 0)
                {
                    continue;
                }

                var values = SampleWithEstimators(context, names, names.Select(n => searchSpace[n]).ToArray());
                for (int i = 0; i < names.Length; i++)
                {
                    result[names[i]] = values[i];
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        lock (gate)
        {
            var context = Context(study, trial, State(study));
            return context.Finished < options.NStartupTrials
                ? RandomSampler.Sample(rng, distribution)
                : SampleWithEstimators(context, [name], [distribution])[0];
        }
    }

    /// <inheritdoc />
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (options.ConstraintsFunc is { } constraints)
        {
            TrialConstraints.Store(study, trial, state, values, constraints);
        }

        lock (gate)
        {
            State(study).Contexts.Remove(trial.TrialId);
        }
    }

    /// <inheritdoc />
    public override void Reseed(int? seed)
    {
        lock (gate)
        {
            rng = SeededRandom.Create(seed);
        }
    }

    private StudyState State(Study study)
    {
        var key = (study.Storage, study.StudyId);
        if (!studies.TryGetValue(key, out var state))
        {
            state = new StudyState();
            studies[key] = state;
        }

        return state;
    }

    /// <summary>What the sampler keeps per study: the search spaces, the read trials, the open trials' splits.</summary>
    private sealed class StudyState
    {
        public SearchSpaceTracker Spaces { get; } = new();

        public Dictionary<long, Observation> Finished { get; } = [];

        public ParameterColumns Columns { get; } = new();

        public Dictionary<long, SplitContext> Contexts { get; } = [];
    }
}
