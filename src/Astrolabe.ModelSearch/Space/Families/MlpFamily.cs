using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// "mlp": dense layers only. Draws <c>mlp_layers</c> hidden layers of <c>mlp_units_l{i}</c> units (log scale); the
/// trunk only flattens image samples.
/// </summary>
internal sealed class MlpFamily : IModelFamily
{
    public string Name => "mlp";

    public bool Supports(IReadOnlyList<int> inputShape) => true;

    public ModelConfig SuggestStructure(Trial trial, IReadOnlyList<int> inputShape, ModelSpaceOptions options)
    {
        int layers = Draw.Int(trial, "mlp_layers", options.MinLayers, options.MaxLayers);
        return new ModelConfig
        {
            Family = this,
            Hidden = [.. Enumerable.Range(0, layers).Select(i => Draw.Int(trial, $"mlp_units_l{i}", options.MinUnits, options.MaxUnits, log: true))],
        };
    }

    public void ValidateStructure(ModelConfig config)
    {
    }

    public int AddTrunk(ModelConfig config, IReadOnlyList<int> inputShape, LayerStack layers)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (inputShape.Count > 1)
        {
            layers.Add(new Flatten());
        }

        return inputShape.Aggregate(1, (a, b) => a * b);
    }

    public string DescribeStructure(ModelConfig config) => $"mlp [{string.Join(", ", config.Hidden)}]";
}
