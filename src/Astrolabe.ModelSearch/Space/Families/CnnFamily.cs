using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "cnn": blocks of a 3×3 convolution (padding 1), normalisation, activation and 2×2 max-pooling, then one dense
/// layer. Draws <c>cnn_blocks</c> (capped so the image keeps at least 2×2 pixels), <c>cnn_channels_l{i}</c> and
/// <c>cnn_dense_units</c> (log scale); images only.
/// </summary>
internal sealed class CnnFamily : IModelFamily
{
    public string Name => "cnn";

    public bool Supports(IReadOnlyList<int> inputShape) => inputShape is { Count: 3 };

    public ModelConfig SuggestStructure(Trial trial, IReadOnlyList<int> inputShape, ModelSpaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(options);
        int fit = (int)Math.Floor(Math.Log2(Math.Min(inputShape[1], inputShape[2]) / 2.0));
        int blocks = Draw.Int(trial, "cnn_blocks", Math.Min(options.MinBlocks, Math.Max(1, fit)), Math.Min(options.MaxBlocks, Math.Max(1, fit)));
        IReadOnlyList<int> channels = [.. Enumerable.Range(0, blocks).Select(i => Draw.Int(trial, $"cnn_channels_l{i}", options.MinChannels, options.MaxChannels, log: true))];
        return new ModelConfig
        {
            Family = this,
            Channels = channels,
            Hidden = [Draw.Int(trial, "cnn_dense_units", options.MinUnits, options.MaxUnits, log: true)],
        };
    }

    public void ValidateStructure(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Channels.Count == 0)
        {
            throw new ArgumentException("A CNN needs at least one convolution block (channels is empty).");
        }
    }

    public int AddTrunk(ModelConfig config, IReadOnlyList<int> inputShape, LayerStack layers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (inputShape.Count != 3)
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
            layers.Add(new Conv2d(c, channels, 3, padding: 1, rng: layers.NextRng()));
            layers.AddNormalizationAndActivation(channels, h, w);
            layers.Add(new MaxPool2d(2));
            (c, h, w) = (channels, h / 2, w / 2);
        }

        layers.Add(new Flatten());
        return c * h * w;
    }

    public string DescribeStructure(ModelConfig config) => $"cnn [{string.Join(", ", config.Channels)}] → [{string.Join(", ", config.Hidden)}]";
}
