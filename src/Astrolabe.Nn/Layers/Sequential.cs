namespace Astrolabe.Nn;

/// <summary>Applies its layers in order; child <c>i</c>'s parameters are named <c>"i.&lt;name&gt;"</c>.</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>Creates the chain; each layer's <see cref="Module.Name"/> gets its index prefixed.</summary>
    /// <param name="layers">The layers, first applied first.</param>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers;
        for (int i = 0; i < layers.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(layers[i]);
            layers[i].Name = $"layer {i} ({layers[i].Name})";
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <inheritdoc />
    public override Tensor Forward(Tensor x)
    {
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() =>
        _layers.Select((l, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), l));
}
