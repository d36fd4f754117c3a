namespace Astrolabe;

/// <summary>
/// Gaussian-process Bayesian optimisation, in the shape of Optuna's <c>GPSampler</c>, for expensive trials and small
/// budgets. The numeric and categorical parameters common to every complete trial are modelled jointly: inputs
/// normalised (log scale honoured), a Matérn-5/2 kernel with one length scale per parameter (Hamming distance for
/// categories), hyperparameters by maximum a posteriori with Optuna's priors; the next point maximises log expected
/// improvement (several objectives: log expected hypervolume improvement; constraints: times the probability of
/// feasibility), searched from scrambled Sobol candidates by local search (<see cref="AcquisitionOptimizer"/>).
/// The first <see cref="GpSamplerOptions.NStartupTrials"/> trials, and parameters outside the joint space, come
/// from the independent sampler: by default a univariate TPE (random for as many start-up trials), so the
/// parameters of conditional branches are learned as well (Optuna's GPSampler samples them at random). Running trials count as the worst value seen (the constant liar), so parallel
/// workers spread out instead of proposing the same point. Non-finite objective values are clipped to the worst finite one; a
/// constant objective, duplicate points or a single-valued parameter never yield a NaN proposal.
/// Thread-safe; reproducible for a seed in a sequential study.
/// </summary>
public sealed partial class GpSampler : Sampler
{
    private const int MaxOpenStudies = 64;
    private readonly Lock gate = new();
    private readonly GpSamplerOptions options;
    private readonly Sampler independent;
    private readonly Dictionary<(IStorage Storage, int StudyId), StudyState> studies = [];
    private int seed;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public GpSampler(GpSamplerOptions? options = null)
    {
        this.options = options ?? new GpSamplerOptions();
        this.options.Validate();
        seed = this.options.Seed ?? Random.Shared.Next();
        independent = this.options.IndependentSampler
            ?? new TpeSampler(new TpeSamplerOptions { Seed = seed, NStartupTrials = this.options.NStartupTrials });
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        lock (gate)
        {
            var state = State(study);
            state.Space.Update(study.GetTrials(TrialState.Complete));
            return IntersectionSearchSpace.Sampleable(state.Space.Space);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        lock (gate)
        {
            return Propose(study, trial, searchSpace, State(study));
        }
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution) =>
        independent.SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc />
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (options.ConstraintsFunc is { } constraints)
        {
            TrialConstraints.Store(study, trial, state, values, constraints);
        }

        independent.AfterTrial(study, trial, state, values);
    }

    /// <inheritdoc />
    public override void Reseed(int? seed)
    {
        lock (gate)
        {
            this.seed = seed ?? Random.Shared.Next();
        }

        independent.Reseed(seed);
    }

    /// <summary>How many times the hyperparameters of the study's first objective were fitted (tests: the incremental path).</summary>
    internal int FitsOf(Study study)
    {
        lock (gate)
        {
            return State(study).Models.TryGetValue("objective0", out var cache) ? cache.Fits : 0;
        }
    }

    private StudyState State(Study study)
    {
        var key = (study.Storage, study.StudyId);
        if (!studies.TryGetValue(key, out var state))
        {
            if (studies.Count >= MaxOpenStudies)
            {
                studies.Clear();
            }

            state = new StudyState();
            studies[key] = state;
        }

        return state;
    }

    /// <summary>What the sampler keeps per study: the intersection space and the fitted GPs.</summary>
    private sealed class StudyState
    {
        public IntersectionSearchSpace Space { get; } = new();

        public Dictionary<string, GpModelCache> Models { get; } = new(StringComparer.Ordinal);
    }
}
