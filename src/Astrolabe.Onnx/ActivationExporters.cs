using Astrolabe.Nn;

namespace Astrolabe.Onnx;

/// <summary>
/// The activations as standard operators. GELU is written as its erf form <c>0.5·x·(1 + erf(x/√2))</c> at every opset
/// (opset 20's Gelu computes the same, but older runtimes lack it), SiLU as <c>x·sigmoid(x)</c>.
/// </summary>
internal static class ActivationExporters
{
    private static readonly Dictionary<Type, LayerExport> s_table = new()
    {
        [typeof(ReLU)] = (_, at, x) => at.Graph.Node("Relu", at.Name("relu"), [x]),
        [typeof(LeakyReLU)] = (l, at, x) => at.Graph.Node("LeakyRelu", at.Name("leakyrelu"), [x], GraphBuilder.Attribute("alpha", ((LeakyReLU)l).NegativeSlope)),
        [typeof(ELU)] = (l, at, x) => at.Graph.Node("Elu", at.Name("elu"), [x], GraphBuilder.Attribute("alpha", ((ELU)l).Alpha)),
        [typeof(Tanh)] = (_, at, x) => at.Graph.Node("Tanh", at.Name("tanh"), [x]),
        [typeof(Sigmoid)] = (_, at, x) => at.Graph.Node("Sigmoid", at.Name("sigmoid"), [x]),
        [typeof(Softplus)] = (_, at, x) => at.Graph.Node("Softplus", at.Name("softplus"), [x]),
        [typeof(GELU)] = Gelu,
        [typeof(SiLU)] = (_, at, x) => at.Graph.Node("Mul", at.Name("silu"), [x, at.Graph.Node("Sigmoid", at.Name("sigmoid"), [x])]),
    };

    /// <summary>The export of an activation type, or null.</summary>
    public static LayerExport? Find(Type type) => s_table.GetValueOrDefault(type);

    private static string Gelu(Module layer, LayerSite at, string x)
    {
        var g = at.Graph;
        string scaled = g.Node("Div", at.Name("gelu_div"), [x, g.Scalar("sqrt2", MathF.Sqrt(2f))]);
        string erf = g.Node("Erf", at.Name("gelu_erf"), [scaled]);
        string onePlus = g.Node("Add", at.Name("gelu_add"), [erf, g.Scalar("one", 1f)]);
        string times = g.Node("Mul", at.Name("gelu_mul"), [x, onePlus]);
        return g.Node("Mul", at.Name("gelu"), [times, g.Scalar("half", 0.5f)]);
    }
}
