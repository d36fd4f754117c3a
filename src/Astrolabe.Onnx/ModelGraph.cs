using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Onnx;

namespace Astrolabe.Onnx;

/// <summary>
/// The graph of a model: raw input <c>input</c> [N, ...sample shape], the preprocessing, the network's layers, and
/// the outputs: <c>logits</c> and <c>probabilities</c> (softmax over axis 1) for classification, <c>prediction</c>
/// (in the target's units) for regression; N is symbolic.
/// </summary>
internal static class ModelGraph
{
    /// <summary>The name of the raw input.</summary>
    public const string InputName = "input";

    /// <summary>The classification outputs and the regression output.</summary>
    public const string LogitsName = "logits", ProbabilitiesName = "probabilities", PredictionName = "prediction";

    /// <summary>The model proto of <paramref name="network"/> with its scaling, stamped with the IR version <paramref name="opset"/> belongs to.</summary>
    /// <param name="network">The network, in evaluation mode.</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="outputs">Classes, or target values per sample.</param>
    /// <param name="isClassification">Whether the outputs are class logits.</param>
    /// <param name="preprocessing">The scaling of inputs (and regression targets).</param>
    /// <param name="opset">The operator set (already checked to be supported).</param>
    /// <param name="name">The graph's name.</param>
    /// <returns>The model, without metadata.</returns>
    public static ModelProto Build(Module network, int[] sampleShape, int outputs, bool isClassification, Preprocessing preprocessing, int opset, string name) =>
        Build((graph, x) => LayerExporters.Export(network, new LayerSite(graph, ""), x), sampleShape, outputs, isClassification, preprocessing, opset, name);

    /// <summary>The model proto of a network that <paramref name="body"/> writes, with the scaling and outputs around it.</summary>
    /// <param name="body">Writes the network's nodes after the scaled input [N, ...sampleShape], returning its output [N, outputs].</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="outputs">Classes, or target values per sample.</param>
    /// <param name="isClassification">Whether the outputs are class logits.</param>
    /// <param name="preprocessing">The scaling of inputs (and regression targets).</param>
    /// <param name="opset">The operator set (already checked to be supported).</param>
    /// <param name="name">The graph's name.</param>
    /// <returns>The model, without metadata.</returns>
    public static ModelProto Build(Func<GraphBuilder, string, string> body, int[] sampleShape, int outputs, bool isClassification, Preprocessing preprocessing, int opset, string name)
    {
        var graph = new GraphBuilder(name, opset);
        string input = graph.Input(InputName, sampleShape, "Raw samples, as the model's task provides them (the graph applies the training's scaling).");
        string x = PreprocessingNodes.ScaleInput(graph, preprocessing, sampleShape, input);
        x = body(graph, x);
        if (isClassification)
        {
            string logits = graph.NameOutput(x, LogitsName);
            string probabilities = graph.Node("Softmax", ProbabilitiesName, [logits], GraphBuilder.Attribute("axis", 1L));
            graph.Output(logits, [outputs], "The network's outputs (unnormalised class scores).");
            graph.Output(probabilities, [outputs], "The class probabilities: softmax of the logits over the classes; each row sums to 1.");
        }
        else
        {
            string prediction = PreprocessingNodes.UnscaleTarget(graph, preprocessing, x, PredictionName);
            graph.Output(prediction, [outputs], "The predicted target, in its own units.");
        }

        var model = new ModelProto { IrVersion = IrVersion(opset), Graph = graph.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    /// <summary>
    /// The IR version of the ONNX release that introduced <paramref name="opset"/> (8 up to opset 18, 9 for 19 and 20,
    /// 10 for 21), so that a runtime reading the file accepts both.
    /// </summary>
    public static long IrVersion(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };
}
