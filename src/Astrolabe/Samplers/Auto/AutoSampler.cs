namespace Astrolabe;

/// <summary>
/// Chooses the sampler for each trial from what the study looks like, in the spirit of OptunaHub's AutoSampler.
/// The rules, in order, over the parameters of the study's complete trials:
/// <list type="number">
/// <item>a conditional space (some parameter missing from some complete trial), or more than a third of the
/// parameters categorical → <see cref="AutoSamplerChoice.Tpe"/> (multivariate, grouped, constant liar: the GP and
/// CMA-ES model only the parameters every trial shares);</item>
/// <item>fewer than <see cref="AutoSamplerOptions.GpBudget"/> complete trials → <see cref="AutoSamplerChoice.Gp"/>
/// (one or several objectives, with or without constraints);</item>
/// <item>several objectives (with or without constraints) → <see cref="AutoSamplerChoice.NsgaII"/>, as OptunaHub's
/// AutoSampler once the budget outgrows the GP: its first generation (a population of random trials) starts then;</item>
/// <item>constraints, or fewer than two numeric parameters → <see cref="AutoSamplerChoice.Tpe"/>;</item>
/// <item>otherwise → <see cref="AutoSamplerChoice.CmaEs"/>, its mean started at the best trial so far.</item>
/// </list>
/// The choice is made when a trial starts, kept for all its parameters, and recorded as the trial's system attribute
/// <see cref="ChoiceKey"/>. Each chosen sampler runs its own start-up (random) trials while the study has fewer.
/// Thread-safe.
/// </summary>
public sealed class AutoSampler : Sampler
{
    /// <summary>The system attribute that names the sampler chosen for a trial ("gp", "tpe", "cmaes" or "nsga2").</summary>
    public const string ChoiceKey = "auto:sampler";

    private readonly Lock gate = new();
    private readonly AutoSamplerOptions options;
    private readonly Dictionary<long, Sampler> chosen = [];
    private GpSampler gp;
    private TpeSampler tpe;
    private CmaEsSampler? cmaEs;
    private NsgaIISampler nsga;
    private int? seed;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public AutoSampler(AutoSamplerOptions? options = null)
    {
        this.options = options ?? new AutoSamplerOptions();
        this.options.Validate();
        seed = this.options.Seed;
        (gp, tpe, nsga) = (NewGp(), NewTpe(), NewNsga());
    }

    /// <summary>
    /// The rule above for a study with <paramref name="objectives"/> objectives, constraints or not,
    /// <paramref name="complete"/> complete trials whose parameters are <paramref name="numeric"/> numeric and
    /// <paramref name="categorical"/> categorical ones, <paramref name="conditional"/> when some are missing from some trials.
    /// </summary>
    public static AutoSamplerChoice Choose(int objectives, bool constrained, int complete, int numeric, int categorical, bool conditional, int gpBudget)
    {
        if (conditional || 3 * categorical > numeric + categorical)
        {
            return AutoSamplerChoice.Tpe;
        }

        if (complete < gpBudget)
        {
            return AutoSamplerChoice.Gp;
        }

        if (objectives > 1)
        {
            return AutoSamplerChoice.NsgaII;
        }

        return constrained || numeric < 2 ? AutoSamplerChoice.Tpe : AutoSamplerChoice.CmaEs;
    }

    /// <inheritdoc />
    public override void BeforeTrial(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        For(study, trial).BeforeTrial(study, trial);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        return For(study, trial).InferRelativeSearchSpace(study, trial);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return For(study, trial).SampleRelative(study, trial, searchSpace);
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return For(study, trial).SampleIndependent(study, trial, name, distribution);
    }

    /// <inheritdoc />
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Sampler? sampler;
        lock (gate)
        {
            chosen.Remove(trial.TrialId, out sampler);
        }

        (sampler ?? gp).AfterTrial(study, trial, state, values);
    }

    /// <inheritdoc />
    public override void Reseed(int? seed)
    {
        lock (gate)
        {
            this.seed = seed;
            (gp, tpe, nsga, cmaEs) = (NewGp(), NewTpe(), NewNsga(), null);
            chosen.Clear();
        }
    }

    /// <summary>The sampler chosen for the trial, choosing it now when it has none yet.</summary>
    private Sampler For(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        lock (gate)
        {
            if (chosen.TryGetValue(trial.TrialId, out var known))
            {
                return known;
            }
        }

        var complete = study.GetTrials(TrialState.Complete);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var categorical = new HashSet<string>(StringComparer.Ordinal);
        bool conditional = false;
        foreach (var t in complete)
        {
            conditional |= names.Count > 0 && !names.SetEquals(t.Distributions.Keys);
            foreach (var (name, distribution) in t.Distributions)
            {
                names.Add(name);
                if (distribution is CategoricalDistribution)
                {
                    categorical.Add(name);
                }
            }
        }

        var choice = Choose(study.Directions.Count, options.ConstraintsFunc is not null, complete.Count, names.Count - categorical.Count, categorical.Count, conditional, options.GpBudget);
        Sampler sampler;
        lock (gate)
        {
            sampler = choice switch
            {
                AutoSamplerChoice.Gp => gp,
                AutoSamplerChoice.Tpe => tpe,
                AutoSamplerChoice.NsgaII => nsga,
                _ => cmaEs ??= NewCmaEs(study),
            };
            chosen[trial.TrialId] = sampler;
        }

        study.Storage.SetTrialSystemAttr(trial.TrialId, ChoiceKey, choice switch
        {
            AutoSamplerChoice.Gp => "gp",
            AutoSamplerChoice.Tpe => "tpe",
            AutoSamplerChoice.NsgaII => "nsga2",
            _ => "cmaes",
        });
        return sampler;
    }

    private GpSampler NewGp() => new(new GpSamplerOptions { Seed = seed, ConstraintsFunc = options.ConstraintsFunc });

    private NsgaIISampler NewNsga() => new(new NsgaIISamplerOptions { Seed = seed, ConstraintsFunc = options.ConstraintsFunc });

    private TpeSampler NewTpe() => new(new TpeSamplerOptions
    {
        Seed = seed,
        Multivariate = true,
        Group = true,
        ConstantLiar = true,
        ConstraintsFunc = options.ConstraintsFunc,
    });

    /// <summary>CMA-ES with its mean at the best trial so far (user-facing values of its numeric parameters).</summary>
    private CmaEsSampler NewCmaEs(Study study)
    {
        var best = study.BestTrial;
        var x0 = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, distribution) in best.Distributions)
        {
            if (distribution is FloatDistribution or IntDistribution)
            {
                x0[name] = Convert.ToDouble(best.Params[name], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, X0 = x0, WarnIndependentSampling = false });
    }
}
