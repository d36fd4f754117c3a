namespace Astrolabe.ModelSearch;

/// <summary>
/// The ranges a <see cref="RecommenderSpace"/> draws from. The defaults suit a sparse, noisy ratings matrix such as
/// InstEval's (about 20 ratings per user): small factors, strong L2 on the embeddings and biases, few epochs.
/// </summary>
public sealed record RecommenderSpaceOptions
{
    /// <summary>The families to choose among (default: mf, neumf, twotower).</summary>
    public IReadOnlyList<IRecommenderFamily> Families { get; init; } = RecommenderFamilies.All;

    /// <summary>Embedding widths to choose among (default 2, 4, 8, 16, 32).</summary>
    public IReadOnlyList<int> Factors { get; init; } = [2, 4, 8, 16, 32];

    /// <summary>The most hidden layers of an MLP branch or tower (default 2); widths halve layer by layer.</summary>
    public int MaxHiddenLayers { get; init; } = 2;

    /// <summary>Widths of the first hidden layer to choose among (default 16, 32, 64).</summary>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [16, 32, 64];

    /// <summary>The largest dropout of the neural families (0: none; default 0.3).</summary>
    public double MaxDropout { get; init; } = 0.3;

    /// <summary>The learning rate's range, drawn on a log scale (default 3e-4 … 1e-2).</summary>
    public double MinLearningRate { get; init; } = 3e-4;

    /// <inheritdoc cref="MinLearningRate"/>
    public double MaxLearningRate { get; init; } = 1e-2;

    /// <summary>The range of the embeddings' L2 λ, drawn on a log scale (default 1e-3 … 1).</summary>
    public double MinL2 { get; init; } = 1e-3;

    /// <inheritdoc cref="MinL2"/>
    public double MaxL2 { get; init; } = 1;

    /// <summary>The range of the biases' L2 λ, drawn on a log scale (default 1e-3 … 1).</summary>
    public double MinBiasL2 { get; init; } = 1e-3;

    /// <inheritdoc cref="MinBiasL2"/>
    public double MaxBiasL2 { get; init; } = 1;

    /// <summary>The most decoupled weight decay of the neural families' dense layers (0: none), drawn on a log scale from 1e-6 (default 1e-2).</summary>
    public double MaxWeightDecay { get; init; } = 1e-2;

    /// <summary>Whether the biases start from the fitted bias baseline, from 0, or either (default: fitted only).</summary>
    public IReadOnlyList<bool> FittedBiases { get; init; } = [true];

    /// <summary>Batch sizes to choose among (default 128, 256, 512, 1024).</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [128, 256, 512, 1024];

    /// <summary>The fewest epochs (default 1).</summary>
    public int MinEpochs { get; init; } = 1;

    /// <summary>The most epochs, also Hyperband's maximum resource (default 8).</summary>
    public int MaxEpochs { get; init; } = 8;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentException">An empty list or a range out of order or out of bounds, named in the message.</exception>
    public void Validate()
    {
        Check(Families is { Count: > 0 }, "Families must not be empty.");
        Check(Factors is { Count: > 0 } && Factors.All(f => f >= 1), "Factors must be a non-empty list of widths ≥ 1.");
        Check(MaxHiddenLayers >= 1, $"MaxHiddenLayers must be ≥ 1; got {MaxHiddenLayers}.");
        Check(HiddenWidths is { Count: > 0 } && HiddenWidths.All(w => w >= 1), "HiddenWidths must be a non-empty list of widths ≥ 1.");
        Check(MaxDropout is >= 0 and < 1, $"MaxDropout must be in [0, 1); got {MaxDropout}.");
        Check(MinLearningRate > 0 && MinLearningRate <= MaxLearningRate, $"Need 0 < MinLearningRate ≤ MaxLearningRate; got {MinLearningRate} … {MaxLearningRate}.");
        Check(MinL2 > 0 && MinL2 <= MaxL2, $"Need 0 < MinL2 ≤ MaxL2; got {MinL2} … {MaxL2}.");
        Check(MinBiasL2 > 0 && MinBiasL2 <= MaxBiasL2, $"Need 0 < MinBiasL2 ≤ MaxBiasL2; got {MinBiasL2} … {MaxBiasL2}.");
        Check(MaxWeightDecay == 0 || MaxWeightDecay >= 1e-6, $"MaxWeightDecay must be 0 or ≥ 1e-6; got {MaxWeightDecay}.");
        Check(FittedBiases is { Count: > 0 }, "FittedBiases must not be empty.");
        Check(BatchSizes is { Count: > 0 } && BatchSizes.All(b => b >= 1), "BatchSizes must be a non-empty list of sizes ≥ 1.");
        Check(MinEpochs >= 1 && MinEpochs <= MaxEpochs, $"Need 1 ≤ MinEpochs ≤ MaxEpochs; got {MinEpochs} … {MaxEpochs}.");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"RecommenderSpaceOptions: {message}");
        }
    }
}
