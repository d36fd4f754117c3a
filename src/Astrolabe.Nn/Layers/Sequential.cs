namespace Astrolabe.Nn;

/// <summary>Applies its layers in order; child <c>i</c>'s parameters are named <c>"i.&lt;name&gt;"</c>.</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>Creates the chain; each layer's <see cref="Module.Name"/> gets its index prefixed.</summary>
    /// <param name="layers">The layers, first applied first.</param>
    public Sequential(params Module[] layers)
        : this(layers, renameLayers: true)
    {
    }

    /// <summary>
    /// Creates the chain, leaving the layers' names alone when <paramref name="renameLayers"/> is false: for a chain
    /// that reuses another's layers, which are named already.
    /// </summary>
    internal Sequential(Module[] layers, bool renameLayers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers;
        for (int i = 0; i < layers.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(layers[i]);
            if (renameLayers)
            {
                layers[i].Name = $"layer {i} ({layers[i].Name})";
            }
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <inheritdoc />
    /// <remarks>
    /// Without a graph (<see cref="GradMode.NoGrad"/>) inside a <see cref="TensorArena"/> scope, an element-wise
    /// activation layer (ReLU, GELU, SiLU, Tanh, Sigmoid) overwrites the previous layer's output instead of writing a
    /// new array, when that output is an array the arena handed out in its open scope and not the input's: an
    /// intermediate result of this pass, which a layer must not keep (the arena's ownership rule).
    /// </remarks>
    public override Tensor Forward(Tensor x)
    {
        var input = x.Data;
        var arena = GradMode.IsEnabled ? null : TensorArena.Current;
        foreach (var layer in _layers)
        {
            if (arena is not null && layer is IInPlaceActivation activation && !ReferenceEquals(x.Data, input) && arena.IsInUse(x.Data))
            {
                activation.ApplyInPlace(x.Data);
                continue;
            }

            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() =>
        _layers.Select((l, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), l));
}
