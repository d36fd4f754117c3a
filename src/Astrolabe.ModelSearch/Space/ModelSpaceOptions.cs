namespace Astrolabe.ModelSearch;

/// <summary>
/// The ranges a <see cref="ModelSpace"/> draws from. A list with one entry, or a range whose bounds are equal, is a
/// constant: it is used without being suggested, so it takes no place in the search (or in a grid). The defaults are
/// sized for a search of a few minutes on two cores.
/// </summary>
public sealed record ModelSpaceOptions
{
    /// <summary>Model families to choose from: mlp, cnn (cnn only for image tasks).</summary>
    public IReadOnlyList<string> Families { get; init; } = ["mlp", "cnn"];

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

    /// <summary>Activations to choose from (see <see cref="ModelBuilder.Activations"/>).</summary>
    public IReadOnlyList<string> Activations { get; init; } = ["relu", "leaky_relu", "gelu", "silu", "tanh"];

    /// <summary>The largest dropout rate (0: no dropout parameter).</summary>
    public double MaxDropout { get; init; } = 0.4;

    /// <summary>Normalisations to choose from: none, batch, layer.</summary>
    public IReadOnlyList<string> Normalizations { get; init; } = ["none", "batch", "layer"];

    /// <summary>Optimizers to choose from (see <see cref="ModelBuilder.Optimizers"/>).</summary>
    public IReadOnlyList<string> Optimizers { get; init; } = ["adam", "adamw", "sgd", "rmsprop"];

    /// <summary>The learning rate: at least (log scale).</summary>
    public double MinLearningRate { get; init; } = 5e-4;

    /// <summary>The learning rate: at most.</summary>
    public double MaxLearningRate { get; init; } = 1e-2;

    /// <summary>Penalties to choose from: none, weight_decay, l1, l2; each non-none one draws its strength on a log scale.</summary>
    public IReadOnlyList<string> Penalties { get; init; } = ["none", "weight_decay", "l1", "l2"];

    /// <summary>Mini-batch sizes to choose from.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [32, 64, 128];

    /// <summary>Gradient-norm clipping thresholds to choose from (0: no clipping).</summary>
    public IReadOnlyList<double> ClipNorms { get; init; } = [0, 1, 5];

    /// <summary>Learning-rate schedules to choose from: constant, cosine, warmup_cosine.</summary>
    public IReadOnlyList<string> Schedules { get; init; } = ["constant", "cosine", "warmup_cosine"];

    /// <summary>Training epochs: at least.</summary>
    public int MinEpochs { get; init; } = 4;

    /// <summary>Training epochs: at most (the pruner's maximum resource).</summary>
    public int MaxEpochs { get; init; } = 9;

    /// <summary>Checks that every range is ordered and non-empty and every name known.</summary>
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

        Names(Families, ModelBuilder.Families, "families");
        Names(Activations, ModelBuilder.Activations.Keys, "activations");
        Names(Normalizations, ModelBuilder.Normalizations, "normalizations");
        Names(Optimizers, ModelBuilder.Optimizers.Keys, "optimizers");
        Names(Penalties, ModelBuilder.Penalties, "penalties");
        Names(Schedules, ModelBuilder.Schedules.Keys, "schedules");
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

    private static void Names(IReadOnlyList<string> chosen, IEnumerable<string> known, string what)
    {
        var unknown = chosen.Where(c => !known.Contains(c)).ToList();
        if (chosen.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"{what}: {(chosen.Count == 0 ? "choose at least one" : "unknown " + string.Join(", ", unknown))} (known: {string.Join(", ", known)}).");
        }
    }
}
