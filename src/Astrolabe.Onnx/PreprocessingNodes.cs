using Astrolabe.ModelSearch;

namespace Astrolabe.Onnx;

/// <summary>
/// The scaling a model was trained with, as graph nodes, so the exported graph takes raw inputs and returns targets
/// in their own units: <c>x' = (x − offset) / scale</c> (Sub, Div: the same float operations as
/// <see cref="Preprocessing.ApplyFeatures"/>) and <c>y = y'·targetScale + targetOffset</c>
/// (<see cref="Preprocessing.UnscaleTarget"/>).
/// </summary>
internal static class PreprocessingNodes
{
    /// <summary>Scales the raw input; one offset or scale applies to every value, else one per value of a sample.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="preprocessing">The scaling.</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="input">The raw input [N, ...sampleShape].</param>
    /// <returns>The scaled input (the raw one when the scaling is the identity).</returns>
    public static string ScaleInput(GraphBuilder graph, Preprocessing preprocessing, int[] sampleShape, string input)
    {
        string x = input;
        if (preprocessing.Offset.Any(v => v != 0))
        {
            x = graph.Node("Sub", "preprocess_sub", [x, Constant(graph, "preprocess_offset", preprocessing.Offset, sampleShape)]);
        }

        if (preprocessing.Scale.Any(v => v != 1))
        {
            x = graph.Node("Div", "preprocess_div", [x, Constant(graph, "preprocess_scale", preprocessing.Scale, sampleShape)]);
        }

        return x;
    }

    /// <summary>Maps the network's scaled regression output back to the target's units.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="preprocessing">The scaling.</param>
    /// <param name="output">The network's output.</param>
    /// <param name="name">The name of the result.</param>
    /// <returns>The target in its units.</returns>
    public static string UnscaleTarget(GraphBuilder graph, Preprocessing preprocessing, string output, string name)
    {
        string scaled = graph.Node("Mul", "target_mul", [output, graph.Initializer("target_scale", [preprocessing.TargetScale])]);
        return graph.Node("Add", name, [scaled, graph.Initializer("target_offset", [preprocessing.TargetOffset])]);
    }

    private static string Constant(GraphBuilder graph, string name, float[] values, int[] sampleShape)
    {
        if (values.Length == 1)
        {
            return graph.Initializer(name, values);
        }

        if (values.Length != sampleShape.Aggregate(1, (a, b) => a * b))
        {
            throw new ArgumentException($"The model's preprocessing has {values.Length} values for samples of shape [{string.Join(", ", sampleShape)}].");
        }

        return graph.Initializer(name, values, sampleShape);
    }
}
