namespace Astrolabe.Nn;

/// <summary>Turns a float model into one that trains quantisation-aware.</summary>
public static class QuantizationAwareTraining
{
    /// <summary>
    /// A new chain in which every <see cref="Linear"/> becomes a <see cref="QatLinear"/> and every
    /// <see cref="Conv2d"/> a <see cref="QatConv2d"/> wrapping it, nested <see cref="Sequential"/>s likewise, and
    /// every other layer is the same instance. The parameters are the model's own tensors under the same names, so an
    /// optimizer made for either trains both; the model's layers keep their names, and each wrapper is named for its
    /// position and the layer it wraps. The new chain starts in the model's training mode.
    /// </summary>
    /// <param name="model">The float model; it is not changed.</param>
    /// <returns>The quantisation-aware chain.</returns>
    public static Sequential Prepare(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = new Module[model.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            var layer = model.Layers[i];
            layers[i] = layer switch
            {
                Linear linear => new QatLinear(linear) { Name = $"layer {i} (QatLinear over {layer.Name})" },
                Conv2d conv => new QatConv2d(conv) { Name = $"layer {i} (QatConv2d over {layer.Name})" },
                Sequential inner => Prepare(inner),
                _ => layer,
            };
        }

        var prepared = new Sequential(layers, renameLayers: false) { Name = model.Name };
        prepared.Train(model.IsTraining);
        return prepared;
    }

    /// <summary>
    /// The int8 network of a chain trained quantisation-aware: the wrappers are unwrapped (their layers hold the trained
    /// weights) and the chain is quantised as <see cref="QuantizedNetwork.Quantize"/> does, with activation ranges
    /// calibrated on <paramref name="calibration"/>. The weights, trained under per-channel symmetric fake
    /// quantisation, lose little more when quantised for real.
    /// </summary>
    /// <param name="prepared">A chain made by <see cref="Prepare"/> (or any chain; wrappers are unwrapped where found).</param>
    /// <param name="calibration">Representative inputs [rows, ...sample shape], as the chain takes them.</param>
    /// <param name="options">Calibration and widths (default: min/max, 8 bits).</param>
    /// <returns>The int8 network.</returns>
    /// <exception cref="ArgumentException">What <see cref="QuantizedNetwork.Quantize"/> refuses.</exception>
    public static QuantizedNetwork Convert(Sequential prepared, Tensor calibration, QuantizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return QuantizedNetwork.Quantize(Unwrap(prepared), calibration, options);
    }

    /// <summary>The chain with every QAT wrapper replaced by the layer it wraps (nested chains flattened into their place).</summary>
    private static Sequential Unwrap(Sequential prepared)
    {
        var layers = new List<Module>();
        foreach (var layer in prepared.Layers)
        {
            switch (layer)
            {
                case QatLinear q:
                    layers.Add(q.Linear);
                    break;
                case QatConv2d q:
                    layers.Add(q.Conv);
                    break;
                case Sequential inner:
                    layers.AddRange(Unwrap(inner).Layers);
                    break;
                default:
                    layers.Add(layer);
                    break;
            }
        }

        var unwrapped = new Sequential([.. layers], renameLayers: false) { Name = prepared.Name };
        unwrapped.Eval();
        return unwrapped;
    }
}
