using System.Globalization;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Builds the sampler and pruner a space file names, with their options in snake_case. An unknown name or
/// option, or a value of the wrong kind, is a <see cref="SpaceFileException"/> naming the line.
/// </summary>
public static class Components
{
    // The spellings of named options, as Optuna and the space-file format write them.
    private static readonly Dictionary<string, TpeMultivariateKernels> MultivariateKernels = new(StringComparer.Ordinal)
    {
        ["adaptive"] = TpeMultivariateKernels.Adaptive,
        ["optuna31"] = TpeMultivariateKernels.Optuna31,
    };

    private static readonly Dictionary<string, CmaRestartStrategy> RestartStrategies = new(StringComparer.Ordinal)
    {
        ["ipop"] = CmaRestartStrategy.Ipop,
        ["bipop"] = CmaRestartStrategy.Bipop,
    };

    private static readonly Dictionary<string, QmcSequence> QmcTypes = new(StringComparer.Ordinal)
    {
        ["sobol"] = QmcSequence.Sobol,
        ["halton"] = QmcSequence.Halton,
    };

    // The crossovers of the genetic samplers, by Optuna's class names without "Crossover"; uniform takes swapping_prob.
    private static readonly Dictionary<string, Func<double, NsgaCrossover>> Crossovers = new(StringComparer.Ordinal)
    {
        ["uniform"] = swapping => new UniformCrossover(swapping),
        ["blxalpha"] = _ => new BlxAlphaCrossover(),
        ["sbx"] = _ => new SbxCrossover(),
        ["vsbx"] = _ => new VsbxCrossover(),
        ["undx"] = _ => new UndxCrossover(),
        ["spx"] = _ => new SpxCrossover(),
    };

    private static readonly Dictionary<string, Func<OptionReader, Sampler>> Samplers = new(StringComparer.Ordinal)
    {
        ["random"] = o => new RandomSampler(new RandomSamplerOptions { Seed = o.Int("seed") }),
        ["bruteforce"] = o => new BruteForceSampler(new BruteForceSamplerOptions { Seed = o.Int("seed") }),
        ["tpe"] = o => new TpeSampler(new TpeSamplerOptions
        {
            Seed = o.Int("seed"),
            NStartupTrials = o.Int("n_startup_trials") ?? 10,
            NEiCandidates = o.Int("n_ei_candidates") ?? 24,
            Multivariate = o.Bool("multivariate") ?? false,
            MultivariateKernels = o.Choice("multivariate_kernels", MultivariateKernels) ?? TpeMultivariateKernels.Adaptive,
            Group = o.Bool("group") ?? false,
            ConstantLiar = o.Bool("constant_liar") ?? false,
        }),
        ["cmaes"] = o => new CmaEsSampler(new CmaEsSamplerOptions
        {
            Seed = o.Int("seed"),
            Sigma0 = o.Double("sigma0"),
            NStartupTrials = o.Int("n_startup_trials") ?? 1,
            RestartStrategy = o.Choice("restart_strategy", RestartStrategies),
            IncPopsize = o.Int("inc_popsize") ?? 2,
            PopulationSize = o.Int("popsize"),
            UseSeparableCma = o.Bool("use_separable_cma") ?? false,
            WithMargin = o.Bool("with_margin") ?? false,
            LrAdapt = o.Bool("lr_adapt") ?? false,
            ConsiderPrunedTrials = o.Bool("consider_pruned_trials") ?? false,
        }),
        ["gp"] = o => new GpSampler(new GpSamplerOptions
        {
            Seed = o.Int("seed"),
            NStartupTrials = o.Int("n_startup_trials") ?? 10,
            DeterministicObjective = o.Bool("deterministic_objective") ?? false,
            NPreliminarySamples = o.Int("n_preliminary_samples") ?? 2048,
            NLocalSearch = o.Int("n_local_search") ?? 10,
        }),
        ["auto"] = o => new AutoSampler(new AutoSamplerOptions
        {
            Seed = o.Int("seed"),
            GpBudget = o.Int("gp_budget") ?? 250,
        }),
        ["nsga2"] = o => new NsgaIISampler(new NsgaIISamplerOptions
        {
            Seed = o.Int("seed"),
            PopulationSize = o.Int("population_size") ?? 50,
            MutationProbability = o.Double("mutation_prob"),
            CrossoverProbability = o.Double("crossover_prob") ?? 0.9,
            SwappingProbability = o.Double("swapping_prob") ?? 0.5,
            Crossover = o.Named("crossover", Crossovers)?.Invoke(o.Double("swapping_prob") ?? 0.5),
        }),
        ["nsga3"] = o => new NsgaIIISampler(new NsgaIIISamplerOptions
        {
            Seed = o.Int("seed"),
            PopulationSize = o.Int("population_size") ?? 50,
            MutationProbability = o.Double("mutation_prob"),
            CrossoverProbability = o.Double("crossover_prob") ?? 0.9,
            SwappingProbability = o.Double("swapping_prob") ?? 0.5,
            Crossover = o.Named("crossover", Crossovers)?.Invoke(o.Double("swapping_prob") ?? 0.5),
            DividingParameter = o.Int("dividing_parameter") ?? 3,
        }),
        ["qmc"] = o => new QmcSampler(new QmcSamplerOptions
        {
            Seed = o.Int("seed"),
            QmcType = o.Choice("qmc_type", QmcTypes) ?? QmcSequence.Sobol,
            Scramble = o.Bool("scramble") ?? true,
        }),
    };

    private static readonly Dictionary<string, Func<OptionReader, Pruner>> Pruners = new(StringComparer.Ordinal)
    {
        ["nop"] = _ => new NopPruner(),
        ["median"] = o => new MedianPruner(new MedianPrunerOptions
        {
            NStartupTrials = o.Int("n_startup_trials") ?? 5,
            NWarmupSteps = o.Int("n_warmup_steps") ?? 0,
            IntervalSteps = o.Int("interval_steps") ?? 1,
            NMinTrials = o.Int("n_min_trials") ?? 1,
        }),
        ["percentile"] = o => new PercentilePruner(new PercentilePrunerOptions
        {
            Percentile = o.Double("percentile") ?? throw new ArgumentException("option 'percentile' is required."),
            NStartupTrials = o.Int("n_startup_trials") ?? 5,
            NWarmupSteps = o.Int("n_warmup_steps") ?? 0,
            IntervalSteps = o.Int("interval_steps") ?? 1,
            NMinTrials = o.Int("n_min_trials") ?? 1,
        }),
        ["threshold"] = o => new ThresholdPruner(new ThresholdPrunerOptions
        {
            Lower = o.Double("lower"),
            Upper = o.Double("upper"),
            NWarmupSteps = o.Int("n_warmup_steps") ?? 0,
            IntervalSteps = o.Int("interval_steps") ?? 1,
        }),
        ["successive_halving"] = o => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
        {
            MinResource = o.Int("min_resource"),
            ReductionFactor = o.Int("reduction_factor") ?? 4,
            MinEarlyStoppingRate = o.Int("min_early_stopping_rate") ?? 0,
            BootstrapCount = o.Int("bootstrap_count") ?? 0,
        }),
        ["hyperband"] = o => new HyperbandPruner(new HyperbandPrunerOptions
        {
            MinResource = o.Int("min_resource") ?? 1,
            MaxResource = o.Int("max_resource"),
            ReductionFactor = o.Int("reduction_factor") ?? 3,
            BootstrapCount = o.Int("bootstrap_count") ?? 0,
        }),
        ["wilcoxon"] = o => new WilcoxonPruner(new WilcoxonPrunerOptions
        {
            PThreshold = o.Double("p_threshold") ?? 0.1,
            NStartupSteps = o.Int("n_startup_steps") ?? 0,
        }),
    };

    /// <summary>The sampler of the file (random when none is named); <paramref name="seed"/> overrides the file's seed when given.</summary>
    public static Sampler CreateSampler(ComponentSpec? spec, string source, int? seed = null)
    {
        spec ??= new ComponentSpec("random", new Dictionary<string, ScalarValue>(), 0);
        return Create(Samplers, spec, source, "sampler", seed);
    }

    /// <summary>The pruner of the file (none when not named).</summary>
    public static Pruner CreatePruner(ComponentSpec? spec, string source) =>
        spec is null ? new NopPruner() : Create(Pruners, spec, source, "pruner", null);

    private static T Create<T>(Dictionary<string, Func<OptionReader, T>> registry, ComponentSpec spec, string source, string what, int? seed)
    {
        if (!registry.TryGetValue(spec.Type, out var factory))
        {
            throw new SpaceFileException($"{source}:{spec.Line}: field '{what}': unknown type '{spec.Type}' (known: {string.Join(", ", registry.Keys)}).");
        }

        var reader = new OptionReader(spec, source, what, seed);
        try
        {
            var result = factory(reader);
            reader.EnsureAllUsed();
            return result;
        }
        catch (ArgumentException e)
        {
            throw new SpaceFileException($"{source}:{spec.Line}: field '{what}': {e.Message}", e);
        }
    }

    /// <summary>Reads options by name, remembering which were used so leftovers can be reported.</summary>
    internal sealed class OptionReader(ComponentSpec spec, string source, string what, int? seed)
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public int? Int(string name)
        {
            if (name == "seed" && seed is not null)
            {
                used.Add(name);
                return seed;
            }

            return Get(name) is { } v ? v.Value is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : throw Wrong(name, v, "an integer") : null;
        }

        public double? Double(string name) =>
            Get(name) is { } v ? v.Value is long or double ? Convert.ToDouble(v.Value, CultureInfo.InvariantCulture) : throw Wrong(name, v, "a number") : null;

        public bool? Bool(string name) =>
            Get(name) is { } v ? v.Value is bool b ? b : throw Wrong(name, v, "true or false") : null;

        /// <summary>The value a name stands for in <paramref name="choices"/>; another name is reported with the option's line and the known names.</summary>
        public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
            where T : struct
        {
            if (Get(name) is not { } v)
            {
                return null;
            }

            return v.Value is string s && choices.TryGetValue(s, out var choice) ? choice : throw Wrong(name, v, Alternatives(choices.Keys));
        }

        /// <summary>As <see cref="Choice{T}"/> for choices that are objects.</summary>
        public T? Named<T>(string name, IReadOnlyDictionary<string, T> choices)
            where T : class
        {
            if (Get(name) is not { } v)
            {
                return null;
            }

            return v.Value is string s && choices.TryGetValue(s, out var choice) ? choice : throw Wrong(name, v, Alternatives(choices.Keys));
        }

        public void EnsureAllUsed()
        {
            var unknown = spec.Options.Keys.FirstOrDefault(k => !used.Contains(k));
            if (unknown is not null)
            {
                throw new SpaceFileException($"{source}:{spec.Options[unknown].Line}: field '{what}': unknown option '{unknown}' for type '{spec.Type}'.");
            }
        }

        private ScalarValue? Get(string name)
        {
            used.Add(name);
            return spec.Options.TryGetValue(name, out var v) ? v : null;
        }

        private static string Alternatives(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count == 1 ? list[0] : $"{string.Join(", ", list.Take(list.Count - 1))} or {list[^1]}";
        }

        private SpaceFileException Wrong(string name, ScalarValue v, string expected) =>
            new($"{source}:{v.Line}: field '{what}': option '{name}': expected {expected}, got '{v.Value}'.");
    }
}
