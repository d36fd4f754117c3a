using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "resnet": a residual CNN. A 3×3 stem convolution (padding 1) to the first block's channels with the
/// configuration's normalisation and activation, then one <see cref="ResidualBlock"/> per entry of
/// <see cref="ModelConfig.Channels"/> (ResNet's basic block: two 3×3 convolutions with batch norm and ReLU, stride 2,
/// so each block halves the image; a 1×1 projection on the shortcut), global average pooling, and one dense layer.
/// Draws <c>resnet_blocks</c> (capped so the image keeps at least one pixel), <c>resnet_channels_l{i}</c> and
/// <c>resnet_dense_units</c> (log scale); images only.
/// </summary>
/// <remarks>
/// Inside the blocks the normalisation is always batch norm and the activation ReLU, as in ResNet; the
/// configuration's choices apply to the stem and the dense head. Not in <see cref="ModelSpaceOptions.Families"/> by
/// default: name it there (or <c>demo --families</c>) to search it.
/// </remarks>
internal sealed class ResNetFamily : IModelFamily
{
    public string Name => "resnet";

    public bool Supports(IReadOnlyList<int> inputShape) => inputShape is { Count: 3 } && Math.Min(inputShape[1], inputShape[2]) >= 2;

    public ModelConfig SuggestStructure(Trial trial, IReadOnlyList<int> inputShape, ModelSpaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(options);
        int fit = Math.Max(1, (int)Math.Floor(Math.Log2(Math.Min(inputShape[1], inputShape[2]))));
        int blocks = Draw.Int(trial, "resnet_blocks", Math.Min(options.MinBlocks, fit), Math.Min(options.MaxBlocks, fit));
        IReadOnlyList<int> channels = [.. Enumerable.Range(0, blocks).Select(i => Draw.Int(trial, $"resnet_channels_l{i}", options.MinChannels, options.MaxChannels, log: true))];
        return new ModelConfig
        {
            Family = this,
            Channels = channels,
            Hidden = [Draw.Int(trial, "resnet_dense_units", options.MinUnits, options.MaxUnits, log: true)],
        };
    }

    public void ValidateStructure(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Channels.Count == 0)
        {
            throw new ArgumentException("A residual CNN needs at least one residual block (channels is empty).");
        }
    }

    public int AddTrunk(ModelConfig config, IReadOnlyList<int> inputShape, LayerStack layers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (inputShape.Count != 3)
        {
            throw new ArgumentException($"A residual CNN needs image inputs [channels, height, width]; these samples have shape [{string.Join(", ", inputShape)}].");
        }

        int c = inputShape[0], h = inputShape[1], w = inputShape[2];
        if (Math.Min(h, w) >> config.Channels.Count < 1)
        {
            throw new ArgumentException($"{config.Channels.Count} residual blocks of stride 2 shrink a {h}×{w} image to nothing.");
        }

        int stem = config.Channels[0];
        layers.Add(new Conv2d(c, stem, 3, padding: 1, rng: layers.NextRng()));
        layers.AddNormalizationAndActivation(stem, h, w);
        c = stem;
        foreach (int channels in config.Channels)
        {
            layers.Add(new ResidualBlock(c, channels, stride: 2, rng: layers.NextRng()));
            (c, h, w) = (channels, (h + 1) / 2, (w + 1) / 2);
        }

        layers.Add(new AdaptiveAvgPool2d(1));
        layers.Add(new Flatten());
        return c;
    }

    public string DescribeStructure(ModelConfig config) => $"resnet [{string.Join(", ", config.Channels)}] → [{string.Join(", ", config.Hidden)}]";
}
