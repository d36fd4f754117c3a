using Astrolabe.Nn;
using Astrolabe.Optim;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Turns a <see cref="ModelConfig"/> into what training needs: the network (<see cref="Build"/>), the optimizer with
/// its weight decay and clipping (<see cref="CreateOptimizer"/>), the penalty (<see cref="CreatePenalty"/>) and the
/// learning-rate schedule over all steps (<see cref="CreateSchedule"/>). Each choice is an entry of a table keyed by
/// its kind; the network's trunk comes from its <see cref="IModelFamily"/>. <see cref="Build"/> checks the
/// configuration (<see cref="ModelConfig.Validate"/>); the other methods take one that <see cref="Build"/> accepted.
/// </summary>
public static class ModelBuilder
{
    /// <summary>The activations and their layers.</summary>
    public static IReadOnlyDictionary<ActivationKind, Func<Module>> Activations { get; } = new Dictionary<ActivationKind, Func<Module>>
    {
        [ActivationKind.Relu] = () => new ReLU(),
        [ActivationKind.LeakyRelu] = () => new LeakyReLU(),
        [ActivationKind.Gelu] = () => new GELU(),
        [ActivationKind.Silu] = () => new SiLU(),
        [ActivationKind.Elu] = () => new ELU(),
        [ActivationKind.Tanh] = () => new Tanh(),
    };

    /// <summary>The normalisations: each maps one sample's output shape (<c>[units]</c> or <c>[channels, height, width]</c>) to its layer, or null.</summary>
    public static IReadOnlyDictionary<NormalizationKind, Func<int[], Module?>> Normalizations { get; } = new Dictionary<NormalizationKind, Func<int[], Module?>>
    {
        [NormalizationKind.None] = _ => null,
        [NormalizationKind.Batch] = shape => new BatchNorm(shape[0]),
        [NormalizationKind.Layer] = shape => new LayerNorm(shape),
    };

    /// <summary>The optimizers and their constructors (PyTorch defaults for everything not in the configuration).</summary>
    public static IReadOnlyDictionary<OptimizerKind, Func<IEnumerable<Parameter>, ModelConfig, Optimizer>> Optimizers { get; } =
        new Dictionary<OptimizerKind, Func<IEnumerable<Parameter>, ModelConfig, Optimizer>>
        {
            [OptimizerKind.Adam] = (p, c) => Optim.Optimizers.Adam(p, c.LearningRate, weightDecay: WeightDecay(c)),
            [OptimizerKind.AdamW] = (p, c) => Optim.Optimizers.AdamW(p, c.LearningRate, weightDecay: WeightDecay(c)),
            [OptimizerKind.Sgd] = (p, c) => Optim.Optimizers.Sgd(p, c.LearningRate, momentum: c.Momentum, weightDecay: WeightDecay(c), nesterov: c.Momentum > 0),
            [OptimizerKind.RmsProp] = (p, c) => Optim.Optimizers.RmsProp(p, c.LearningRate, weightDecay: WeightDecay(c)),
        };

    /// <summary>The penalties added to the objective: each maps (strength, which parameters are weights) to a penalty, or null (none, or weight decay inside the optimizer).</summary>
    public static IReadOnlyDictionary<PenaltyKind, Func<double, Func<Parameter, bool>, IPenalty?>> Penalties { get; } =
        new Dictionary<PenaltyKind, Func<double, Func<Parameter, bool>, IPenalty?>>
        {
            [PenaltyKind.None] = (_, _) => null,
            [PenaltyKind.WeightDecay] = (_, _) => null,
            [PenaltyKind.L1] = (lambda, isWeight) => Optim.Penalties.L1(lambda, isWeight),
            [PenaltyKind.L2] = (lambda, isWeight) => Optim.Penalties.L2(lambda, isWeight),
        };

    /// <summary>The schedules; each maps (peak learning rate, total steps, steps per epoch) to a schedule, or null for a constant rate.</summary>
    public static IReadOnlyDictionary<ScheduleKind, Func<double, int, int, ISchedule?>> Schedules { get; } = new Dictionary<ScheduleKind, Func<double, int, int, ISchedule?>>
    {
        [ScheduleKind.Constant] = (_, _, _) => null,
        [ScheduleKind.Cosine] = (lr, total, _) => new CosineAnnealingSchedule(lr, total),
        [ScheduleKind.WarmupCosine] = WarmupCosine,
    };

    /// <summary>Linear warm-up over the first epoch (at most half the run), then cosine; plain cosine for a one-step run.</summary>
    private static ISchedule WarmupCosine(double lr, int total, int perEpoch)
    {
        int warmup = Math.Min(perEpoch, total / 2);
        return warmup < 1 ? new CosineAnnealingSchedule(lr, total) : Optim.Schedules.WarmupCosine(lr, warmup, total - warmup);
    }

    /// <summary>
    /// Builds the network, initialised from <paramref name="seed"/> (the same seed gives the same weights): the
    /// family's trunk, then a dense layer per entry of <see cref="ModelConfig.Hidden"/> (with normalisation,
    /// activation and dropout), then the output layer.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="inputShape">One sample's shape: <c>[features]</c> or <c>[channels, height, width]</c>.</param>
    /// <param name="outputs">Classes, or target values per sample.</param>
    /// <param name="seed">The initialisation and dropout seed.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentException">An invalid configuration, or one its family cannot build for this shape (e.g. a CNN for non-image inputs).</exception>
    public static Sequential Build(ModelConfig config, int[] inputShape, int outputs, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(inputShape);
        config.Validate();
        var layers = new LayerStack(config, seed);
        int features = config.Family.AddTrunk(config, inputShape, layers);
        foreach (int width in config.Hidden)
        {
            layers.Add(new Linear(features, width, rng: layers.NextRng()));
            layers.AddNormalizationAndActivation(width);
            if (config.Dropout > 0)
            {
                layers.Add(new Dropout((float)config.Dropout, layers.NextRng()));
            }

            features = width;
        }

        layers.Add(new Linear(features, outputs, rng: layers.NextRng()));
        return layers.ToSequential();
    }

    /// <summary>The optimizer over <paramref name="parameters"/>, with weight decay and gradient clipping as configured.</summary>
    /// <param name="config">The configuration (one <see cref="Build"/> accepted).</param>
    /// <param name="parameters">The network's parameters.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer CreateOptimizer(ModelConfig config, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        var optimizer = Optimizers[config.Optimizer](parameters, config);
        return config.ClipNorm > 0 ? optimizer.WithGradientClipping(config.ClipNorm) : optimizer;
    }

    /// <summary>
    /// The L1 or L2 penalty added to the objective, over the weights of the network's dense and convolution layers
    /// (not biases, not normalisation parameters), or null (none, or weight decay inside the optimizer).
    /// </summary>
    /// <param name="config">The configuration (one <see cref="Build"/> accepted).</param>
    /// <param name="network">The network built from it.</param>
    /// <returns>The penalty or null.</returns>
    public static IPenalty? CreatePenalty(ModelConfig config, Module network)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(network);
        var weights = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        foreach (var module in Descendants(network))
        {
            if (module is Linear linear)
            {
                weights.Add(linear.Weight.Data);
            }
            else if (module is Conv2d conv)
            {
                weights.Add(conv.Weight.Data);
            }
        }

        return Penalties[config.Penalty](config.Regularization, p => weights.Contains(p.Value));
    }

    /// <summary>The learning-rate schedule over <paramref name="totalSteps"/> optimizer steps, or null for a constant rate.</summary>
    /// <param name="config">The configuration (one <see cref="Build"/> accepted).</param>
    /// <param name="totalSteps">Steps in the whole run.</param>
    /// <param name="stepsPerEpoch">Steps per epoch (the warm-up length).</param>
    /// <returns>The schedule or null.</returns>
    public static ISchedule? CreateSchedule(ModelConfig config, int totalSteps, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Schedules[config.Schedule](config.LearningRate, Math.Max(1, totalSteps), Math.Max(1, stepsPerEpoch));
    }

    private static double WeightDecay(ModelConfig c) => c.Penalty == PenaltyKind.WeightDecay ? c.Regularization : 0;

    private static IEnumerable<Module> Descendants(Module module) =>
        module.Children().SelectMany(c => Descendants(c.Module)).Prepend(module);

    /// <summary>The positions in <paramref name="network"/> of its weight layers (Linear, Conv2d) numbered <paramref name="ordinals"/> in order.</summary>
    internal static int[] WeightLayerIndices(Sequential network, IReadOnlyList<int>? ordinals)
    {
        if (ordinals is not { Count: > 0 })
        {
            return [];
        }

        var weightLayers = network.Layers.Select((layer, i) => (layer, i)).Where(p => p.layer is Linear or Conv2d).Select(p => p.i).ToArray();
        return [.. ordinals.Select(o => weightLayers[o])];
    }
}
