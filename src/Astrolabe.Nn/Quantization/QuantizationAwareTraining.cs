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
}
