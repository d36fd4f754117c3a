using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A network under construction by <see cref="ModelBuilder.Build"/>: the layers so far, the seeds of the layers to
/// come (drawn in the order layers are created, so the same seed gives the same weights), and the configuration's
/// activation and normalisation, which every family places the same way.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A stack of layers, as the families build networks; not a collection type.")]
public sealed class LayerStack
{
    private readonly List<Module> _layers = [];
    private readonly ModelConfig _config;
    private readonly Rng _rng;

    internal LayerStack(ModelConfig config, long seed)
    {
        _config = config;
        _rng = new Rng(seed);
    }

    /// <summary>The layers so far, in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>Appends a layer.</summary>
    /// <param name="layer">The layer.</param>
    public void Add(Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _layers.Add(layer);
    }

    /// <summary>The generator for the next layer's initialisation (or dropout), derived from the build seed.</summary>
    /// <returns>A generator of its own.</returns>
    public Rng NextRng() => new((long)_rng.NextUInt64());

    /// <summary>Appends the configuration's normalisation (if any) for outputs of <paramref name="shape"/>, then its activation.</summary>
    /// <param name="shape">One sample's output shape of the previous layer: <c>[units]</c> or <c>[channels, height, width]</c>.</param>
    public void AddNormalizationAndActivation(params int[] shape)
    {
        if (ModelBuilder.Normalizations[_config.Normalization](shape) is { } norm)
        {
            _layers.Add(norm);
        }

        _layers.Add(ModelBuilder.Activations[_config.Activation]());
    }

    internal Sequential ToSequential() => new([.. _layers]);
}
