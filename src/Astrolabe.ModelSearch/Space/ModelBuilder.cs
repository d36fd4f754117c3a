using Astrolabe.Nn;
using Astrolabe.Optim;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Turns a <see cref="ModelConfig"/> into what training needs: the network (<see cref="Build"/>), the optimizer with
/// its weight decay and clipping (<see cref="CreateOptimizer"/>), the penalty (<see cref="CreatePenalty"/>) and the
/// learning-rate schedule over all steps (<see cref="CreateSchedule"/>). Each choice is a named entry of a table, so
/// an unknown name fails with the list of known ones.
/// </summary>
public static class ModelBuilder
{
    /// <summary>The activation names and their layers.</summary>
    public static IReadOnlyDictionary<string, Func<Module>> Activations { get; } = new Dictionary<string, Func<Module>>
    {
        ["relu"] = () => new ReLU(),
        ["leaky_relu"] = () => new LeakyReLU(),
        ["gelu"] = () => new GELU(),
        ["silu"] = () => new SiLU(),
        ["elu"] = () => new ELU(),
        ["tanh"] = () => new Tanh(),
    };

    /// <summary>The optimizer names and their constructors (PyTorch defaults for everything not in the configuration).</summary>
    public static IReadOnlyDictionary<string, Func<IEnumerable<Parameter>, ModelConfig, Optimizer>> Optimizers { get; } =
        new Dictionary<string, Func<IEnumerable<Parameter>, ModelConfig, Optimizer>>
        {
            ["adam"] = (p, c) => Optim.Optimizers.Adam(p, c.LearningRate, weightDecay: WeightDecay(c)),
            ["adamw"] = (p, c) => Optim.Optimizers.AdamW(p, c.LearningRate, weightDecay: WeightDecay(c)),
            ["sgd"] = (p, c) => Optim.Optimizers.Sgd(p, c.LearningRate, momentum: c.Momentum, weightDecay: WeightDecay(c), nesterov: c.Momentum > 0),
            ["rmsprop"] = (p, c) => Optim.Optimizers.RmsProp(p, c.LearningRate, weightDecay: WeightDecay(c)),
        };

    /// <summary>The schedule names; each maps (peak learning rate, total steps, steps per epoch) to a schedule.</summary>
    public static IReadOnlyDictionary<string, Func<double, int, int, ISchedule?>> Schedules { get; } = new Dictionary<string, Func<double, int, int, ISchedule?>>
    {
        ["constant"] = (_, _, _) => null,
        ["cosine"] = (lr, total, _) => new CosineAnnealingSchedule(lr, total),
        ["warmup_cosine"] = WarmupCosine,
    };

    /// <summary>Linear warm-up over the first epoch (at most half the run), then cosine; plain cosine for a one-step run.</summary>
    private static ISchedule WarmupCosine(double lr, int total, int perEpoch)
    {
        int warmup = Math.Min(perEpoch, total / 2);
        return warmup < 1 ? new CosineAnnealingSchedule(lr, total) : Optim.Schedules.WarmupCosine(lr, warmup, total - warmup);
    }

    /// <summary>The normalisation names.</summary>
    public static IReadOnlyList<string> Normalizations { get; } = ["none", "batch", "layer"];

    /// <summary>The penalty names.</summary>
    public static IReadOnlyList<string> Penalties { get; } = ["none", "weight_decay", "l1", "l2"];

    /// <summary>The family names.</summary>
    public static IReadOnlyList<string> Families { get; } = ["mlp", "cnn"];

    /// <summary>Builds the network, initialised from <paramref name="seed"/> (the same seed gives the same weights).</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="inputShape">One sample's shape: <c>[features]</c> or <c>[channels, height, width]</c>.</param>
    /// <param name="outputs">Classes, or target values per sample.</param>
    /// <param name="seed">The initialisation and dropout seed.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentException">An unknown name, or a CNN for non-image inputs or with too many blocks for the image.</exception>
    public static Sequential Build(ModelConfig config, int[] inputShape, int outputs, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(inputShape);
        Validate(config);
        var rng = new Rng(seed);
        var layers = new List<Module>();
        int features = inputShape.Aggregate(1, (a, b) => a * b);
        if (config.Family == "cnn")
        {
            features = AddConvolutions(config, inputShape, layers, rng);
        }

        if (inputShape.Length > 1 || config.Family == "cnn")
        {
            layers.Add(new Flatten());
        }

        foreach (int width in config.Hidden)
        {
            layers.Add(new Linear(features, width, rng: Derive(rng)));
            AddNormalization(config, layers, [width]);
            layers.Add(Activations[config.Activation]());
            if (config.Dropout > 0)
            {
                layers.Add(new Dropout((float)config.Dropout, Derive(rng)));
            }

            features = width;
        }

        layers.Add(new Linear(features, outputs, rng: Derive(rng)));
        return new Sequential([.. layers]);
    }

    /// <summary>The optimizer over <paramref name="parameters"/>, with weight decay and gradient clipping as configured.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="parameters">The network's parameters.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer CreateOptimizer(ModelConfig config, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config);
        var optimizer = Optimizers[config.Optimizer](parameters, config);
        return config.ClipNorm > 0 ? optimizer.WithGradientClipping(config.ClipNorm) : optimizer;
    }

    /// <summary>
    /// The L1 or L2 penalty added to the objective, over the weights of the network's dense and convolution layers
    /// (not biases, not normalisation parameters), or null (none, or weight decay inside the optimizer).
    /// </summary>
    /// <param name="config">The configuration.</param>
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

        bool IsWeight(Parameter p) => weights.Contains(p.Value);
        return config.Penalty switch
        {
            "l1" => Optim.Penalties.L1(config.Regularization, IsWeight),
            "l2" => Optim.Penalties.L2(config.Regularization, IsWeight),
            _ => null,
        };
    }

    /// <summary>The learning-rate schedule over <paramref name="totalSteps"/> optimizer steps, or null for a constant rate.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="totalSteps">Steps in the whole run.</param>
    /// <param name="stepsPerEpoch">Steps per epoch (the warm-up length).</param>
    /// <returns>The schedule or null.</returns>
    public static ISchedule? CreateSchedule(ModelConfig config, int totalSteps, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config);
        return Schedules[config.Schedule](config.LearningRate, Math.Max(1, totalSteps), Math.Max(1, stepsPerEpoch));
    }

    /// <summary>Checks every name and number of a configuration.</summary>
    /// <param name="config">The configuration.</param>
    /// <exception cref="ArgumentException">The first problem found.</exception>
    public static void Validate(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Known(Families, config.Family, "family");
        Known(Activations.Keys, config.Activation, "activation");
        Known(Normalizations, config.Normalization, "normalization");
        Known(Optimizers.Keys, config.Optimizer, "optimizer");
        Known(Penalties, config.Penalty, "penalty");
        Known(Schedules.Keys, config.Schedule, "schedule");
        if (config.Hidden.Any(w => w < 1) || config.Channels.Any(c => c < 1) || (config.Family == "cnn" && config.Channels.Count == 0))
        {
            throw new ArgumentException("Layer widths and channel counts must be positive, and a CNN needs at least one convolution block.");
        }

        if (config.Dropout is < 0 or >= 1 || !(config.LearningRate > 0) || config.Momentum is < 0 or >= 1 || config.Regularization < 0
            || config.BatchSize < 1 || config.ClipNorm < 0 || config.Epochs < 1)
        {
            throw new ArgumentException($"Out-of-range value in model configuration {config.ToJson()}.");
        }
    }

    private static int AddConvolutions(ModelConfig config, int[] inputShape, List<Module> layers, Rng rng)
    {
        if (inputShape.Length != 3)
        {
            throw new ArgumentException($"A CNN needs image inputs [channels, height, width]; these samples have shape [{string.Join(", ", inputShape)}].");
        }

        int c = inputShape[0], h = inputShape[1], w = inputShape[2];
        if (Math.Min(h, w) >> config.Channels.Count < 1)
        {
            throw new ArgumentException($"{config.Channels.Count} pooling blocks shrink a {h}×{w} image to nothing.");
        }

        foreach (int channels in config.Channels)
        {
            layers.Add(new Conv2d(c, channels, 3, padding: 1, rng: Derive(rng)));
            AddNormalization(config, layers, [channels, h, w]);
            layers.Add(Activations[config.Activation]());
            layers.Add(new MaxPool2d(2));
            (c, h, w) = (channels, h / 2, w / 2);
        }

        return c * h * w;
    }

    private static void AddNormalization(ModelConfig config, List<Module> layers, int[] shape)
    {
        if (config.Normalization == "batch")
        {
            layers.Add(new BatchNorm(shape[0]));
        }
        else if (config.Normalization == "layer")
        {
            layers.Add(new LayerNorm(shape));
        }
    }

    private static double WeightDecay(ModelConfig c) => c.Penalty == "weight_decay" ? c.Regularization : 0;

    private static IEnumerable<Module> Descendants(Module module) =>
        module.Children().SelectMany(c => Descendants(c.Module)).Prepend(module);

    private static Rng Derive(Rng rng) => new((long)rng.NextUInt64());

    private static void Known(IEnumerable<string> names, string value, string what)
    {
        if (!names.Contains(value))
        {
            throw new ArgumentException($"Unknown {what} '{value}'; known: {string.Join(", ", names)}.");
        }
    }
}
