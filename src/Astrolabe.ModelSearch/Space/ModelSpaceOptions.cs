namespace Astrolabe.ModelSearch;

/// <summary>
/// The ranges a <see cref="ModelSpace"/> draws from. A list with one entry, or a range whose bounds are equal, is a
/// constant: it is used without being suggested, so it takes no place in the search (or in a grid). The defaults are
/// sized for a search of a few minutes on two cores.
/// </summary>
public sealed record ModelSpaceOptions
{
    /// <summary>Model families to choose from (default mlp and cnn; a family only for samples it <see cref="IModelFamily.Supports"/>, so cnn only for images).</summary>
    public IReadOnlyList<IModelFamily> Families { get; init; } = [ModelFamilies.Mlp, ModelFamilies.Cnn];

    /// <summary>Hidden layers of an MLP: at least.</summary>
    public int MinLayers { get; init; } = 1;

    /// <summary>Hidden layers of an MLP: at most.</summary>
    public int MaxLayers { get; init; } = 3;

    /// <summary>Units of a hidden dense layer: at least (drawn on a log scale).</summary>
    public int MinUnits { get; init; } = 32;

    /// <summary>Units of a hidden dense layer: at most.</summary>
    public int MaxUnits { get; init; } = 256;

    /// <summary>Convolution blocks of a CNN: at least.</summary>
    public int MinBlocks { get; init; } = 1;

    /// <summary>Convolution blocks of a CNN: at most (also capped so the image keeps at least 2×2 pixels).</summary>
    public int MaxBlocks { get; init; } = 2;

    /// <summary>Channels of a convolution block: at least (log scale).</summary>
    public int MinChannels { get; init; } = 8;

    /// <summary>Channels of a convolution block: at most.</summary>
    public int MaxChannels { get; init; } = 32;

    /// <summary>Activations to choose from (default: all but elu).</summary>
    public IReadOnlyList<ActivationKind> Activations { get; init; } = [ActivationKind.Relu, ActivationKind.LeakyRelu, ActivationKind.Gelu, ActivationKind.Silu, ActivationKind.Tanh];

    /// <summary>The largest dropout rate (0: no dropout parameter).</summary>
    public double MaxDropout { get; init; } = 0.4;

    /// <summary>Normalisations to choose from (default: all).</summary>
    public IReadOnlyList<NormalizationKind> Normalizations { get; init; } = [NormalizationKind.None, NormalizationKind.Batch, NormalizationKind.Layer];

    /// <summary>Optimizers to choose from (default: all).</summary>
    public IReadOnlyList<OptimizerKind> Optimizers { get; init; } = [OptimizerKind.Adam, OptimizerKind.AdamW, OptimizerKind.Sgd, OptimizerKind.RmsProp];

    /// <summary>The learning rate: at least (log scale).</summary>
    public double MinLearningRate { get; init; } = 5e-4;

    /// <summary>The learning rate: at most.</summary>
    public double MaxLearningRate { get; init; } = 1e-2;

    /// <summary>Penalties to choose from (default: all); each but none draws its strength on a log scale.</summary>
    public IReadOnlyList<PenaltyKind> Penalties { get; init; } = [PenaltyKind.None, PenaltyKind.WeightDecay, PenaltyKind.L1, PenaltyKind.L2];

    /// <summary>Mini-batch sizes to choose from.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [32, 64, 128];

    /// <summary>Gradient-norm clipping thresholds to choose from (0: no clipping).</summary>
    public IReadOnlyList<double> ClipNorms { get; init; } = [0, 1, 5];

    /// <summary>Learning-rate schedules to choose from (default: all).</summary>
    public IReadOnlyList<ScheduleKind> Schedules { get; init; } = [ScheduleKind.Constant, ScheduleKind.Cosine, ScheduleKind.WarmupCosine];

    /// <summary>Training epochs: at least.</summary>
    public int MinEpochs { get; init; } = 4;

    /// <summary>Training epochs: at most (the pruner's maximum resource).</summary>
    public int MaxEpochs { get; init; } = 9;

    /// <summary>
    /// The precisions a trial may choose for its trained model (default: fp32 only). With int8 among them a study that
    /// also minimises bytes finds the accuracy-for-size trade-off of quantisation as well as of smaller layers.
    /// </summary>
    public IReadOnlyList<ModelPrecision> Precisions { get; init; } = [ModelPrecision.Fp32];

    /// <summary>
    /// Whether an int8 trial also chooses, layer by layer, which weight layers stay fp32 (parameters
    /// <c>precision_l0</c>, <c>precision_l1</c> …: int8 or fp32; conditional on precision int8). Default false.
    /// </summary>
    public bool PerLayerPrecision { get; init; }

    /// <summary>Checks that every range is ordered and every list non-empty with known entries.</summary>
    /// <exception cref="ArgumentException">The first problem found.</exception>
    public void Validate()
    {
        Range(MinLayers, MaxLayers, 1, "layers");
        Range(MinUnits, MaxUnits, 1, "units");
        Range(MinBlocks, MaxBlocks, 1, "blocks");
        Range(MinChannels, MaxChannels, 1, "channels");
        Range(MinEpochs, MaxEpochs, 1, "epochs");
        if (!(MinLearningRate > 0) || !(MaxLearningRate >= MinLearningRate))
        {
            throw new ArgumentException($"The learning-rate range [{MinLearningRate}, {MaxLearningRate}] must be positive and ordered.");
        }

        if (MaxDropout is < 0 or >= 1)
        {
            throw new ArgumentException($"MaxDropout must be in [0, 1), got {MaxDropout}.");
        }

        Known(Families, "families");
        Known(Activations, "activations");
        Known(Normalizations, "normalizations");
        Known(Optimizers, "optimizers");
        Known(Penalties, "penalties");
        Known(Schedules, "schedules");
        Known(Precisions, "precisions");
        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b < 1) || ClipNorms.Count == 0 || ClipNorms.Any(c => c < 0))
        {
            throw new ArgumentException("BatchSizes needs positive entries and ClipNorms non-negative ones (at least one each).");
        }
    }

    private static void Range(int low, int high, int least, string what)
    {
        if (low < least || high < low)
        {
            throw new ArgumentException($"The {what} range [{low}, {high}] must be ordered and start at {least} or more.");
        }
    }

    private static void Known(IReadOnlyList<IModelFamily> chosen, string what)
    {
        var known = ModelFamilies.All.Select(f => f.Name);
        if (chosen is not { Count: > 0 } || chosen.Any(f => f is null))
        {
            throw new ArgumentException($"{what}: choose at least one, and no null (known: {string.Join(", ", known)}).");
        }

        var unregistered = chosen.Where(f => !ModelFamilies.TryGet(f.Name, out var r) || !ReferenceEquals(r, f)).ToList();
        if (unregistered.Count > 0)
        {
            throw new ArgumentException($"{what}: {string.Join(", ", unregistered.Select(f => f.Name))} not registered (known: {string.Join(", ", known)}); see ModelFamilies.Register.");
        }
    }

    private static void Known<T>(IReadOnlyList<T> chosen, string what)
        where T : struct, Enum
    {
        var unknown = chosen?.Where(c => !Spelling<T>.IsDefined(c)).ToList();
        if (chosen is not { Count: > 0 } || unknown!.Count > 0)
        {
            string problem = chosen is not { Count: > 0 } ? "choose at least one" : "unknown " + string.Join(", ", unknown!);
            throw new ArgumentException($"{what}: {problem} (known: {string.Join(", ", Spelling<T>.Names)}).");
        }
    }
}
